// The Sluice SQL dialect: PostgreSQL query syntax (enough for psql/pgjdbc/Grafana catalog queries),
// ksqlDB streaming clauses (WINDOW TUMBLING, EMIT, WITHIN), Materialize SUBSCRIBE and cursors.
//
// Every alternative that builds a distinct AST node carries a #label so AstBuilder has one visit
// method per shape. Precedence follows PostgreSQL: OR < AND < NOT < IS < comparison/LIKE/IN/BETWEEN
// < other operators (||, ->) < + - < * / % < ^ < unary - < COLLATE < :: < [] and field access.
parser grammar SluiceSqlParser;

options { tokenVocab = SluiceSqlLexer; }

statements
    : SEMICOLON* (statement (SEMICOLON+ statement)* SEMICOLON*)? EOF
    ;

singleStatement
    : statement SEMICOLON* EOF
    ;

singleExpression
    : expression EOF
    ;

statement
    : query                                                                   #queryStatement
    | CREATE (OR REPLACE)? STREAM (IF NOT EXISTS)? qualifiedName
        LPAREN tableElement (COMMA tableElement)* RPAREN withProperties?      #createStream
    | CREATE (OR REPLACE)? TABLE (IF NOT EXISTS)? qualifiedName
        LPAREN tableElement (COMMA tableElement)* RPAREN withProperties?      #createTable
    | CREATE (OR REPLACE)? (STREAM | TABLE | MATERIALIZED VIEW) (IF NOT EXISTS)? qualifiedName
        withProperties? AS query                                              #createAs
    | CREATE SOURCE (IF NOT EXISTS)? qualifiedName
        (LPAREN tableElement (COMMA tableElement)* RPAREN)? withProperties     #createSource
    | CREATE SINK (IF NOT EXISTS)? qualifiedName
        (FROM qualifiedName withProperties? | withProperties? AS query)        #createSink
    | DROP objectKind (IF EXISTS)? qualifiedName (COMMA qualifiedName)* (CASCADE | RESTRICT)? #drop
    | INSERT INTO qualifiedName (LPAREN identifier (COMMA identifier)* RPAREN)? query          #insert
    | UPDATE qualifiedName (AS? identifier)? SET assignment (COMMA assignment)* (WHERE where=expression)? #update
    | DELETE FROM qualifiedName (AS? identifier)? (WHERE where=expression)?  #delete
    | COPY qualifiedName (LPAREN identifier (COMMA identifier)* RPAREN)? FROM STDIN copyOptions?   #copyFrom
    | COPY (qualifiedName (LPAREN identifier (COMMA identifier)* RPAREN)? | LPAREN query RPAREN)
        TO STDOUT copyOptions?                                                #copyTo
    | SUBSCRIBE TO? qualifiedName withProperties?                             #subscribeTo
    | SUBSCRIBE LPAREN query RPAREN withProperties?                           #subscribeQuery
    | DECLARE identifier cursorOption* CURSOR ((WITH | WITHOUT) HOLD)? FOR statement #declareCursor
    | FETCH fetchCount? ((FROM | IN)? identifier) withProperties?            #fetch
    | CLOSE (ALL | identifier)                                                #close
    | SHOW showKind EXTENDED?                                                 #showObjects
    | SHOW CREATE objectKind? qualifiedName                                   #showCreate
    | SHOW ALL                                                                #showAll
    | SHOW variableName                                                       #showVariable
    | (DESCRIBE | DESC) EXTENDED? qualifiedName                               #describe
    | EXPLAIN ANALYZE? statement                                              #explain
    | EXPLAIN (identifier | string)                                           #explainQuery
    | PRINT (identifier | string) (FROM BEGINNING)? (LIMIT INTEGER_VALUE)?    #print
    | TERMINATE (ALL | identifier | string)                                   #terminate
    | SET scope=(SESSION | LOCAL)? TIME ZONE (LOCAL | DEFAULT | setValue)      #setTimeZone
    | SET SESSION CHARACTERISTICS AS TRANSACTION transactionMode (COMMA? transactionMode)* #setSessionCharacteristics
    | SET TRANSACTION transactionMode (COMMA? transactionMode)*              #setTransaction
    | SET scope=(SESSION | LOCAL)? variableName (EQ | TO) (DEFAULT | setValue (COMMA setValue)*) #setVariable
    | RESET (ALL | variableName)                                              #reset
    | (BEGIN (WORK | TRANSACTION)? | START TRANSACTION)
        (transactionMode (COMMA? transactionMode)*)?                          #begin
    | (COMMIT | END) (WORK | TRANSACTION)?                                    #commit
    | (ROLLBACK | ABORT) (WORK | TRANSACTION)?                                #rollback
    | SAVEPOINT identifier                                                    #savepoint
    | RELEASE SAVEPOINT? identifier                                           #releaseSavepoint
    | ROLLBACK (WORK | TRANSACTION)? TO SAVEPOINT? identifier                 #rollbackToSavepoint
    | DEALLOCATE PREPARE? (ALL | identifier)                                  #deallocate
    | DISCARD (ALL | PLANS | SEQUENCES | TEMP)                                #discard
    ;

objectKind
    : STREAM | TABLE | MATERIALIZED VIEW | VIEW | SOURCE | SINK
    ;

showKind
    : STREAMS | TABLES | MATERIALIZED VIEWS | VIEWS | QUERIES | TOPICS | SOURCES | SINKS
    ;

tableElement
    : identifier type columnConstraint*                                       #columnDefinition
    | PRIMARY KEY LPAREN identifier (COMMA identifier)* RPAREN                #primaryKeyConstraint
    ;

columnConstraint
    : PRIMARY KEY
    | KEY
    | NOT NULL
    | NULL
    ;

withProperties
    : WITH LPAREN property (COMMA property)* RPAREN
    ;

property
    : propertyName (EQ propertyValue)?
    ;

propertyName
    : identifier (DOT identifier)*
    | string
    | TABLE          // WITH (connector = 'nexmark', table = 'bid'): the word users write, though reserved
    ;

propertyValue
    : string                                                                  #stringPropertyValue
    | MINUS? number                                                           #numberPropertyValue
    | booleanValue                                                            #booleanPropertyValue
    | identifier                                                              #identifierPropertyValue
    ;

copyOptions
    : WITH? LPAREN copyOption (COMMA copyOption)* RPAREN                      #copyOptionList
    | WITH? legacyCopyOption+                                                 #legacyCopyOptions
    ;

copyOption
    : (identifier | FORMAT | HEADER | DELIMITER | NULL | ESCAPE | BINARY | CSV) propertyValue?
    ;

legacyCopyOption
    : BINARY
    | CSV
    | HEADER
    | DELIMITER AS? string
    | NULL AS? string
    ;

assignment
    : identifier EQ expression
    ;

cursorOption
    : BINARY
    | INSENSITIVE
    | NO SCROLL
    | SCROLL
    ;

fetchCount
    : FORWARD? (INTEGER_VALUE | ALL)
    | FORWARD
    | NEXT
    ;

variableName
    : identifier (DOT identifier)*
    | TRANSACTION ISOLATION LEVEL
    | TIME ZONE
    ;

setValue
    : string                                                                  #stringSetValue
    | (MINUS | PLUS)? number                                                  #numberSetValue
    | (identifier | ON | TRUE | FALSE | LOCAL)                                #wordSetValue
    ;

transactionMode
    : ISOLATION LEVEL isolationLevel                                          #isolationMode
    | READ (ONLY | WRITE)                                                     #accessMode
    | NOT? IDENTIFIER                                                         #deferrableMode
    ;

isolationLevel
    : READ COMMITTED | READ UNCOMMITTED | REPEATABLE READ | SERIALIZABLE
    ;

// ---------------------------------------------------------------- queries

query
    : with? queryNoWith
    ;

with
    : WITH RECURSIVE? namedQuery (COMMA namedQuery)*
    ;

namedQuery
    : identifier columnAliases? AS LPAREN query RPAREN
    ;

queryNoWith
    : queryTerm
      (ORDER BY sortItem (COMMA sortItem)*)?
      limitOffset*
      (EMIT emitMode limitOffset*)?   // ksqlDB writes EMIT CHANGES LIMIT n
    ;

limitOffset
    : LIMIT (limit=expression | ALL)                                          #limitClause
    | OFFSET offset=expression (ROW | ROWS)?                                  #offsetClause
    | FETCH (FIRST | NEXT) fetchFirst=expression? (ROW | ROWS) ONLY           #fetchFirstClause
    ;

emitMode
    : CHANGES
    | FINAL
    | ON WINDOW CLOSE
    ;

queryTerm
    : queryPrimary                                                            #queryTermDefault
    | left=queryTerm operator=INTERSECT setQuantifier? right=queryTerm        #setOperation
    | left=queryTerm operator=(UNION | EXCEPT) setQuantifier? right=queryTerm #setOperation
    ;

setQuantifier
    : DISTINCT | ALL
    ;

queryPrimary
    : querySpecification                                                      #queryPrimaryDefault
    | VALUES valuesRow (COMMA valuesRow)*                                     #inlineValues
    | LPAREN query RPAREN                                                     #subqueryPrimary
    ;

valuesRow
    : LPAREN expression (COMMA expression)* RPAREN
    ;

querySpecification
    : SELECT (ALL | DISTINCT (ON LPAREN expression (COMMA expression)* RPAREN)?)?
      (selectItem (COMMA selectItem)*)?
      (FROM relation (COMMA relation)*)?
      (WINDOW streamWindow)?
      (WHERE where=expression)?
      (GROUP BY groupBy)?
      (HAVING having=expression)?
    ;

groupBy
    : expression (COMMA expression)*
    ;

selectItem
    : (qualifiedName DOT)? ASTERISK                                           #selectAll
    | expression (AS alias=columnAlias | implicitAlias=IDENTIFIER | implicitAlias=QUOTED_IDENTIFIER)? #selectSingle
    ;

// An alias without AS may not be a keyword (PostgreSQL's rule), so "SELECT a FROM" never reads
// FROM as an alias; with AS any non-reserved word is allowed.
columnAlias
    : IDENTIFIER
    | QUOTED_IDENTIFIER
    | nonReserved
    ;

streamWindow
    : TUMBLING LPAREN SIZE size=duration windowOption* RPAREN                 #tumblingWindow
    | HOPPING LPAREN SIZE size=duration COMMA ADVANCE BY advance=duration windowOption* RPAREN #hoppingWindow
    | SESSION LPAREN gap=duration windowOption* RPAREN                        #sessionWindow
    ;

windowOption
    : COMMA GRACE PERIOD duration                                             #graceOption
    | COMMA RETENTION duration                                                #retentionOption
    ;

duration
    : INTEGER_VALUE timeUnit
    ;

timeUnit
    : MILLISECOND | MILLISECONDS | SECOND | SECONDS | MINUTE | MINUTES | HOUR | HOURS
    | DAY | DAYS | WEEK | WEEKS | MONTH | MONTHS | YEAR | YEARS
    ;

relation
    : left=relation CROSS JOIN right=relationPrimary                          #crossJoin
    | left=relation joinType JOIN right=relationPrimary within? joinCriteria         #joinRelation
    | left=relation NATURAL joinType JOIN right=relationPrimary               #naturalJoin
    | relationPrimary                                                         #relationDefault
    ;

joinType
    : INNER?
    | LEFT OUTER?
    | RIGHT OUTER?
    | FULL OUTER?
    ;

within
    : WITHIN duration
    | WITHIN LPAREN before=duration COMMA after=duration RPAREN
    ;

joinCriteria
    : ON expression
    | USING LPAREN identifier (COMMA identifier)* RPAREN
    ;

relationPrimary
    : qualifiedName tableAlias?                                               #tableName
    | LATERAL? LPAREN query RPAREN tableAlias?                                #subqueryRelation
    | LATERAL? functionCall tableAlias?                                       #tableFunction
    | LPAREN relation RPAREN tableAlias?                                      #parenthesizedRelation
    ;

tableAlias
    : AS identifier columnAliases?
    | (IDENTIFIER | QUOTED_IDENTIFIER) columnAliases?
    ;

columnAliases
    : LPAREN identifier (COMMA identifier)* RPAREN
    ;

sortItem
    : expression ordering=(ASC | DESC)? (NULLS nullOrdering=(FIRST | LAST))?
    ;

// ---------------------------------------------------------------- expressions

expression
    : booleanExpression
    ;

booleanExpression
    : valueExpression predicate?                        #predicated
    | NOT booleanExpression                                                   #logicalNot
    | left=booleanExpression AND right=booleanExpression                      #and
    | left=booleanExpression OR right=booleanExpression                       #or
    ;

predicate
    : comparisonOperator right=valueExpression                                #comparison
    | comparisonOperator quantifier=(ANY | SOME | ALL) LPAREN (query | expression) RPAREN #quantifiedComparison
    | NOT? BETWEEN lower=valueExpression AND upper=valueExpression            #between
    | NOT? IN LPAREN query RPAREN                                             #inSubquery
    | NOT? IN LPAREN expression (COMMA expression)* RPAREN                    #inList
    | NOT? kind=(LIKE | ILIKE) pattern=valueExpression (ESCAPE escape=valueExpression)? #like
    | IS NOT? NULL                                                            #nullPredicate
    | IS NOT? truth=(TRUE | FALSE | UNKNOWN)                                  #truthPredicate
    | IS NOT? DISTINCT FROM right=valueExpression                             #distinctFrom
    ;

comparisonOperator
    : EQ | NEQ | LT | LTE | GT | GTE | TILDE | TILDE_STAR | NOT_TILDE | NOT_TILDE_STAR
    | OPERATOR LPAREN (identifier DOT)* operatorSymbol RPAREN
    ;

operatorSymbol
    : EQ | NEQ | LT | LTE | GT | GTE | TILDE | TILDE_STAR | NOT_TILDE | NOT_TILDE_STAR
    | PLUS | MINUS | ASTERISK | SLASH | PERCENT | CARET | CONCAT | ARROW | DOUBLE_ARROW
    ;

valueExpression
    : primaryExpression                                                       #valueExpressionDefault
    | valueExpression COLLATE collationName                                   #collate
    | operator=(MINUS | PLUS) valueExpression                                 #arithmeticUnary
    | left=valueExpression operator=CARET right=valueExpression               #arithmeticBinary
    | left=valueExpression operator=(ASTERISK | SLASH | PERCENT) right=valueExpression #arithmeticBinary
    | left=valueExpression operator=(PLUS | MINUS) right=valueExpression      #arithmeticBinary
    | left=valueExpression operator=(CONCAT | ARROW | DOUBLE_ARROW | AMPERSAND) right=valueExpression #arithmeticBinary
    ;

primaryExpression
    : NULL                                                                    #nullLiteral
    | booleanValue                                                            #booleanLiteral
    | number                                                                  #numericLiteral
    | string                                                                  #stringLiteral
    | PARAMETER                                                               #parameter
    | (DATE | TIME | TIMESTAMP | TIMESTAMPTZ) string                          #typedLiteral
    | TIMESTAMP (WITH | WITHOUT) TIME ZONE string                             #typedLiteral
    | INTERVAL string (from=intervalField (TO to=intervalField)?)?            #intervalLiteral
    | CASE operand=expression whenClause+ (ELSE elseExpression=expression)? END #simpleCase
    | CASE whenClause+ (ELSE elseExpression=expression)? END                  #searchedCase
    | CAST LPAREN expression AS type RPAREN                                   #cast
    | EXTRACT LPAREN (identifier | intervalField) FROM valueExpression RPAREN #extract
    | ARRAY LBRACKET (expression (COMMA expression)*)? RBRACKET               #arrayConstructor
    | ARRAY LPAREN query RPAREN                                               #arraySubquery
    | MAP LPAREN (expression ASSIGN expression (COMMA expression ASSIGN expression)*)? RPAREN #mapConstructor
    | STRUCT LPAREN (identifier ASSIGN expression (COMMA identifier ASSIGN expression)*)? RPAREN #structConstructor
    | ROW LPAREN (expression (COMMA expression)*)? RPAREN                     #rowConstructor
    | EXISTS LPAREN query RPAREN                                              #exists
    | LPAREN query RPAREN                                                     #subqueryExpression
    // SQL's keyword-argument forms: SUBSTRING(x FROM a FOR b), TRIM(BOTH c FROM x), POSITION(a IN b)
    | name=qualifiedName LPAREN first=valueExpression? FROM second=valueExpression
        (FOR third=valueExpression)? RPAREN                                   #fromCall
    | name=qualifiedName LPAREN spec=identifier first=valueExpression? FROM second=valueExpression RPAREN #trimFromCall
    | name=qualifiedName LPAREN needle=valueExpression IN haystack=valueExpression RPAREN #positionCall
    | functionCall                                                            #functionCallExpression
    | identifier (DOT identifier)*                                            #columnReference
    | LPAREN expression RPAREN                                                #parenthesizedExpression
    | base=primaryExpression LBRACKET index=valueExpression RBRACKET          #subscript
    | base=primaryExpression DOT fieldName=identifier                         #dereference
    | primaryExpression DOUBLE_COLON type                                     #pgCast
    ;

functionCall
    : qualifiedName LPAREN ASTERISK RPAREN filter? over?                      #starCall
    | qualifiedName LPAREN (setQuantifier? functionArgument (COMMA functionArgument)*)?
        (ORDER BY sortItem (COMMA sortItem)*)? RPAREN filter? over?           #regularCall
    ;

functionArgument
    : TABLE qualifiedName                                                     #tableArgument
    | DESCRIPTOR LPAREN identifier (COMMA identifier)* RPAREN                 #descriptorArgument
    | expression                                                              #expressionArgument
    ;

filter
    : FILTER LPAREN WHERE expression RPAREN
    ;

over
    : OVER LPAREN windowSpecification RPAREN
    ;

windowSpecification
    : (PARTITION BY partition+=expression (COMMA partition+=expression)*)?
      (ORDER BY sortItem (COMMA sortItem)*)?
      windowFrame?
    ;

windowFrame
    : frameType=(RANGE | ROWS | GROUPS) start=frameBound
    | frameType=(RANGE | ROWS | GROUPS) BETWEEN start=frameBound AND end=frameBound
    ;

frameBound
    : UNBOUNDED boundType=(PRECEDING | FOLLOWING)                             #unboundedFrame
    | CURRENT ROW                                                             #currentRowBound
    | valueExpression boundType=(PRECEDING | FOLLOWING)                       #boundedFrame
    ;

whenClause
    : WHEN condition=expression THEN result=expression
    ;

intervalField
    : YEAR | MONTH | WEEK | DAY | HOUR | MINUTE | SECOND | MILLISECOND
    | YEARS | MONTHS | WEEKS | DAYS | HOURS | MINUTES | SECONDS | MILLISECONDS
    ;

// ---------------------------------------------------------------- types

type
    : type LBRACKET INTEGER_VALUE? RBRACKET                                   #arrayTypeSuffix
    | ARRAY LT type GT                                                        #arrayType
    | MAP LT keyType=type COMMA valueType=type GT                             #mapType
    | STRUCT LT (structField (COMMA structField)*)? GT                        #structType
    | DOUBLE PRECISION                                                        #doublePrecisionType
    | CHARACTER VARYING (LPAREN INTEGER_VALUE RPAREN)?                        #characterVaryingType
    | (TIMESTAMP | TIME) (LPAREN INTEGER_VALUE RPAREN)? (WITH | WITHOUT) TIME ZONE #zonedType
    | qualifiedName (LPAREN INTEGER_VALUE (COMMA INTEGER_VALUE)* RPAREN)?     #namedType
    ;

structField
    : identifier type
    ;

// ---------------------------------------------------------------- names and literals

qualifiedName
    : identifier (DOT identifier)*
    ;

// "COLLATE pg_catalog.default" (psql): DEFAULT is reserved everywhere else.
collationName
    : (identifier DOT)* (identifier | DEFAULT)
    ;

identifier
    : IDENTIFIER                                                              #unquotedIdentifier
    | QUOTED_IDENTIFIER                                                       #quotedIdentifier
    | nonReserved                                                             #keywordIdentifier
    ;

string
    : STRING                                                                  #basicString
    | ESCAPE_STRING                                                           #escapeString
    | DOLLAR_STRING                                                           #dollarString
    ;

number
    : INTEGER_VALUE                                                           #integerLiteral
    | DECIMAL_VALUE                                                           #decimalLiteral
    ;

booleanValue
    : TRUE | FALSE
    ;

// Keywords that may still name a column, table, function or type. Words that can follow an
// expression or a table reference (FROM, WHERE, WINDOW, EMIT, WITHIN, JOIN, ON, ...) are reserved.
nonReserved
    : ABORT | ADVANCE | ANALYZE | BEGIN | BEGINNING | BINARY | CASCADE | CHANGES | CHARACTER
    | CHARACTERISTICS | CLOSE | COMMIT | COMMITTED | COPY | CSV | CURSOR | DATE | DAY | DAYS
    | DEALLOCATE | DECLARE | DELETE | DELIMITER | DESCRIBE | DESCRIPTOR | DISCARD | DOUBLE | DROP
    | ESCAPE | EXPLAIN | EXTENDED | FINAL | FIRST | FOLLOWING | FORMAT | FORWARD | GRACE | GROUPS
    | HEADER | HOLD | HOPPING | HOUR | HOURS | IF | INSENSITIVE | INSERT | INTERVAL | ISOLATION
    | KEY | LAST | LEVEL | LOCAL | MAP | MATERIALIZED | MILLISECOND | MILLISECONDS | MINUTE
    | MINUTES | MONTH | MONTHS | NEXT | NO | NULLS | OPERATOR | OVER | PARTITION | PERIOD | PLANS
    | PRECEDING | PRECISION | PREPARE | PRIMARY | PRINT | QUERIES | RANGE | READ | RECURSIVE
    | RELEASE | REPEATABLE | REPLACE | RESET | RESTRICT | RETENTION | ROLLBACK | ROWS | SAVEPOINT
    | SCROLL | SECOND | SECONDS | SEQUENCES | SERIALIZABLE | SESSION | SHOW | SINK | SINKS
    | SIZE | SOURCE | SOURCES | START | STDIN | STDOUT | STREAM | STREAMS | STRUCT | SUBSCRIBE
    | TABLES | TEMP | TERMINATE | TIME | TIMESTAMP | TIMESTAMPTZ | TOPICS | TRANSACTION | TUMBLING
    | UNBOUNDED | UNCOMMITTED | UNKNOWN | UPDATE | VARYING | VIEW | VIEWS | WEEK | WEEKS
    | WITHOUT | WORK | WRITE | YEAR | YEARS | ZONE
    ;
