// Tokens of the Sluice SQL dialect (PostgreSQL lexical rules + ksqlDB streaming words).
//
// Keywords are case-insensitive (caseInsensitive option); identifier case folding happens in the
// AST builder, not here, so the token text keeps what the user typed (the shell highlights it as-is).
// Dollar-quoted strings and nested block comments need a matching tag / a depth counter, which a
// regular lexer rule cannot express, so their bodies are scanned by the small actions below.
lexer grammar SluiceSqlLexer;

options { caseInsensitive = true; }

@members {
    /** Token type given to a block comment or dollar quote that reaches the end of input. */
    private void scanBlockComment() {
        // The rule matched "/*"; consume up to the matching "*/", counting nested "/*".
        int depth = 1;
        while (depth > 0) {
            int c = _input.LA(1);
            if (c == org.antlr.v4.runtime.IntStream.EOF) {
                setType(UNTERMINATED_BLOCK_COMMENT);
                return;
            }
            if (c == '*' && _input.LA(2) == '/') {
                getInterpreter().consume(_input);
                getInterpreter().consume(_input);
                depth--;
            } else if (c == '/' && _input.LA(2) == '*') {
                getInterpreter().consume(_input);
                getInterpreter().consume(_input);
                depth++;
            } else {
                getInterpreter().consume(_input);
            }
        }
        setChannel(HIDDEN);
    }

    private void scanDollarBody() {
        // The rule matched the opening dollar tag; the body ends at the first identical tag.
        String tag = getText();
        int n = tag.length();
        while (true) {
            if (_input.LA(1) == org.antlr.v4.runtime.IntStream.EOF) {
                setType(UNTERMINATED_DOLLAR_STRING);
                return;
            }
            if (_input.LA(1) == '$') {
                boolean match = true;
                for (int i = 0; i < n; i++) {
                    if (_input.LA(i + 1) != tag.charAt(i)) {
                        match = false;
                        break;
                    }
                }
                if (match) {
                    for (int i = 0; i < n; i++) {
                        getInterpreter().consume(_input);
                    }
                    return;
                }
            }
            getInterpreter().consume(_input);
        }
    }
}

// ---- keywords (keep alphabetical; SqlKeywords exposes them to the shell) ----
ABORT: 'ABORT';
ADVANCE: 'ADVANCE';
ALL: 'ALL';
AND: 'AND';
ANALYZE: 'ANALYZE';
ANY: 'ANY';
ARRAY: 'ARRAY';
AS: 'AS';
ASC: 'ASC';
BEGIN: 'BEGIN';
BEGINNING: 'BEGINNING';
BETWEEN: 'BETWEEN';
BINARY: 'BINARY';
BY: 'BY';
CASCADE: 'CASCADE';
CASE: 'CASE';
CAST: 'CAST';
CHANGES: 'CHANGES';
CHARACTER: 'CHARACTER';
CHARACTERISTICS: 'CHARACTERISTICS';
CLOSE: 'CLOSE';
COLLATE: 'COLLATE';
COMMIT: 'COMMIT';
COMMITTED: 'COMMITTED';
COPY: 'COPY';
CREATE: 'CREATE';
CROSS: 'CROSS';
CSV: 'CSV';
CURRENT: 'CURRENT';
CURSOR: 'CURSOR';
DATE: 'DATE';
DAY: 'DAY';
DAYS: 'DAYS';
DEALLOCATE: 'DEALLOCATE';
DECLARE: 'DECLARE';
DEFAULT: 'DEFAULT';
DELETE: 'DELETE';
DELIMITER: 'DELIMITER';
DESC: 'DESC';
DESCRIBE: 'DESCRIBE';
DESCRIPTOR: 'DESCRIPTOR';
DISCARD: 'DISCARD';
DISTINCT: 'DISTINCT';
DOUBLE: 'DOUBLE';
DROP: 'DROP';
ELSE: 'ELSE';
EMIT: 'EMIT';
END: 'END';
ESCAPE: 'ESCAPE';
EXCEPT: 'EXCEPT';
EXISTS: 'EXISTS';
EXPLAIN: 'EXPLAIN';
EXTENDED: 'EXTENDED';
EXTRACT: 'EXTRACT';
FALSE: 'FALSE';
FETCH: 'FETCH';
FILTER: 'FILTER';
FINAL: 'FINAL';
FIRST: 'FIRST';
FOLLOWING: 'FOLLOWING';
FOR: 'FOR';
FORMAT: 'FORMAT';
FORWARD: 'FORWARD';
FROM: 'FROM';
FULL: 'FULL';
GRACE: 'GRACE';
GROUP: 'GROUP';
GROUPS: 'GROUPS';
HAVING: 'HAVING';
HEADER: 'HEADER';
HOLD: 'HOLD';
HOPPING: 'HOPPING';
HOUR: 'HOUR';
HOURS: 'HOURS';
IF: 'IF';
ILIKE: 'ILIKE';
IN: 'IN';
INNER: 'INNER';
INSENSITIVE: 'INSENSITIVE';
INSERT: 'INSERT';
INTERSECT: 'INTERSECT';
INTERVAL: 'INTERVAL';
INTO: 'INTO';
IS: 'IS';
ISOLATION: 'ISOLATION';
JOIN: 'JOIN';
KEY: 'KEY';
LAST: 'LAST';
LATERAL: 'LATERAL';
LEFT: 'LEFT';
LEVEL: 'LEVEL';
LIKE: 'LIKE';
LIMIT: 'LIMIT';
LOCAL: 'LOCAL';
MAP: 'MAP';
MATERIALIZED: 'MATERIALIZED';
MILLISECOND: 'MILLISECOND';
MILLISECONDS: 'MILLISECONDS';
MINUTE: 'MINUTE';
MINUTES: 'MINUTES';
MONTH: 'MONTH';
MONTHS: 'MONTHS';
NATURAL: 'NATURAL';
NEXT: 'NEXT';
NO: 'NO';
NOT: 'NOT';
NULL: 'NULL';
NULLS: 'NULLS';
OFFSET: 'OFFSET';
ON: 'ON';
ONLY: 'ONLY';
OPERATOR: 'OPERATOR';
OR: 'OR';
ORDER: 'ORDER';
OUTER: 'OUTER';
OVER: 'OVER';
PARTITION: 'PARTITION';
PERIOD: 'PERIOD';
PLANS: 'PLANS';
PRECEDING: 'PRECEDING';
PRECISION: 'PRECISION';
PREPARE: 'PREPARE';
PRIMARY: 'PRIMARY';
PRINT: 'PRINT';
QUERIES: 'QUERIES';
RANGE: 'RANGE';
READ: 'READ';
RECURSIVE: 'RECURSIVE';
RELEASE: 'RELEASE';
REPEATABLE: 'REPEATABLE';
REPLACE: 'REPLACE';
RESET: 'RESET';
RESTRICT: 'RESTRICT';
RETENTION: 'RETENTION';
RIGHT: 'RIGHT';
ROLLBACK: 'ROLLBACK';
ROW: 'ROW';
ROWS: 'ROWS';
SAVEPOINT: 'SAVEPOINT';
SCROLL: 'SCROLL';
SECOND: 'SECOND';
SECONDS: 'SECONDS';
SELECT: 'SELECT';
SEQUENCES: 'SEQUENCES';
SERIALIZABLE: 'SERIALIZABLE';
SESSION: 'SESSION';
SET: 'SET';
SHOW: 'SHOW';
SINK: 'SINK';
SINKS: 'SINKS';
SIZE: 'SIZE';
SOME: 'SOME';
SOURCE: 'SOURCE';
SOURCES: 'SOURCES';
START: 'START';
STDIN: 'STDIN';
STDOUT: 'STDOUT';
STREAM: 'STREAM';
STREAMS: 'STREAMS';
STRUCT: 'STRUCT';
SUBSCRIBE: 'SUBSCRIBE';
TABLE: 'TABLE';
TABLES: 'TABLES';
TEMP: 'TEMP';
TERMINATE: 'TERMINATE';
THEN: 'THEN';
TIME: 'TIME';
TIMESTAMP: 'TIMESTAMP';
TIMESTAMPTZ: 'TIMESTAMPTZ';
TO: 'TO';
TOPICS: 'TOPICS';
TRANSACTION: 'TRANSACTION';
TRUE: 'TRUE';
TUMBLING: 'TUMBLING';
UNBOUNDED: 'UNBOUNDED';
UNCOMMITTED: 'UNCOMMITTED';
UNION: 'UNION';
UNKNOWN: 'UNKNOWN';
UPDATE: 'UPDATE';
USING: 'USING';
VALUES: 'VALUES';
VARYING: 'VARYING';
VIEW: 'VIEW';
VIEWS: 'VIEWS';
WEEK: 'WEEK';
WEEKS: 'WEEKS';
WHEN: 'WHEN';
WHERE: 'WHERE';
WINDOW: 'WINDOW';
WITH: 'WITH';
WITHIN: 'WITHIN';
WITHOUT: 'WITHOUT';
WORK: 'WORK';
WRITE: 'WRITE';
YEAR: 'YEAR';
YEARS: 'YEARS';
ZONE: 'ZONE';

// ---- operators and punctuation ----
EQ: '=';
NEQ: '<>' | '!=';
LT: '<';
LTE: '<=';
GT: '>';
GTE: '>=';
PLUS: '+';
MINUS: '-';
ASTERISK: '*';
SLASH: '/';
PERCENT: '%';
CARET: '^';
AMPERSAND: '&';
CONCAT: '||';
TILDE: '~';
TILDE_STAR: '~*';
NOT_TILDE: '!~';
NOT_TILDE_STAR: '!~*';
ARROW: '->';
DOUBLE_ARROW: '->>';
ASSIGN: ':=';
DOUBLE_COLON: '::';
DOT: '.';
COMMA: ',';
SEMICOLON: ';';
LPAREN: '(';
RPAREN: ')';
LBRACKET: '[';
RBRACKET: ']';
COLON: ':';

// ---- literals ----
STRING: '\'' ( ~'\'' | '\'\'' )* '\'';
// E'...' (backslash escapes); the escape sequences are decoded by the AST builder.
ESCAPE_STRING: 'E\'' ( ~[\\'] | '\\' . | '\'\'' )* '\'';
DOLLAR_STRING: '$' DOLLAR_TAG? '$' { scanDollarBody(); };
PARAMETER: '$' DIGIT+;
INTEGER_VALUE: DIGIT+;
DECIMAL_VALUE: DIGIT+ '.' DIGIT* EXPONENT? | '.' DIGIT+ EXPONENT? | DIGIT+ EXPONENT;

IDENTIFIER: [a-z_\u0080-\uFFFE] [a-z_0-9$\u0080-\uFFFE]*;
QUOTED_IDENTIFIER: '"' ( ~'"' | '""' )* '"';

// ---- trivia ----
LINE_COMMENT: '--' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT: '/*' { scanBlockComment(); };
WS: [ \t\r\n\f]+ -> channel(HIDDEN);

// ---- error tokens: the parser turns these into PostgreSQL's "unterminated ..." messages ----
UNTERMINATED_STRING: '\'' ( ~'\'' | '\'\'' )*;
UNTERMINATED_ESCAPE_STRING: 'E\'' ( ~[\\'] | '\\' . | '\'\'' )*;
UNTERMINATED_QUOTED_IDENTIFIER: '"' ( ~'"' | '""' )*;
UNTERMINATED_BLOCK_COMMENT: '\u0000' '\u0000' '\u0000'; // produced only by scanBlockComment
UNTERMINATED_DOLLAR_STRING: '\u0000' '\u0000' '\u0001'; // produced only by scanDollarBody
UNRECOGNIZED: .;

fragment DIGIT: [0-9];
fragment EXPONENT: 'E' [+-]? DIGIT+;
fragment DOLLAR_TAG: [a-z_] [a-z_0-9]*;
