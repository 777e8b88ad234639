package dev.sluice.sql;

import dev.sluice.sql.ast.Assignment;
import dev.sluice.sql.ast.BooleanLiteral;
import dev.sluice.sql.ast.CloseCursor;
import dev.sluice.sql.ast.ColumnDefinition;
import dev.sluice.sql.ast.ColumnRef;
import dev.sluice.sql.ast.Copy;
import dev.sluice.sql.ast.CopyDirection;
import dev.sluice.sql.ast.CreateAs;
import dev.sluice.sql.ast.CreateSink;
import dev.sluice.sql.ast.CreateSource;
import dev.sluice.sql.ast.CreateStream;
import dev.sluice.sql.ast.CreateTable;
import dev.sluice.sql.ast.Deallocate;
import dev.sluice.sql.ast.DeclareCursor;
import dev.sluice.sql.ast.Delete;
import dev.sluice.sql.ast.Describe;
import dev.sluice.sql.ast.Discard;
import dev.sluice.sql.ast.DropObject;
import dev.sluice.sql.ast.Explain;
import dev.sluice.sql.ast.ExplainQuery;
import dev.sluice.sql.ast.Expression;
import dev.sluice.sql.ast.Fetch;
import dev.sluice.sql.ast.Insert;
import dev.sluice.sql.ast.NumberLiteral;
import dev.sluice.sql.ast.ObjectKind;
import dev.sluice.sql.ast.Print;
import dev.sluice.sql.ast.Property;
import dev.sluice.sql.ast.QualifiedName;
import dev.sluice.sql.ast.QueryStatement;
import dev.sluice.sql.ast.ResetVariable;
import dev.sluice.sql.ast.SavepointControl;
import dev.sluice.sql.ast.SavepointKind;
import dev.sluice.sql.ast.SetTransaction;
import dev.sluice.sql.ast.SetVariable;
import dev.sluice.sql.ast.ShowCreate;
import dev.sluice.sql.ast.ShowKind;
import dev.sluice.sql.ast.ShowObjects;
import dev.sluice.sql.ast.ShowVariable;
import dev.sluice.sql.ast.SourcePos;
import dev.sluice.sql.ast.Statement;
import dev.sluice.sql.ast.StringLiteral;
import dev.sluice.sql.ast.Subscribe;
import dev.sluice.sql.ast.Terminate;
import dev.sluice.sql.ast.TransactionControl;
import dev.sluice.sql.ast.TransactionKind;
import dev.sluice.sql.ast.UnaryExpression;
import dev.sluice.sql.ast.Update;
import dev.sluice.sql.grammar.SluiceSqlParser.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parse tree → AST for statements. One visit method per labelled alternative of {@code statement}. */
final class AstBuilder extends QueryBuilder {

    Statement statement(StatementContext ctx) {
        return (Statement) visit(ctx);
    }

    @Override
    public Object visitQueryStatement(QueryStatementContext ctx) {
        return new QueryStatement(pos(ctx), query(ctx.query()));
    }

    // ---------------------------------------------------------------- DDL

    @Override
    public Object visitCreateStream(CreateStreamContext ctx) {
        List<ColumnDefinition> columns = new ArrayList<>();
        List<String> pk = new ArrayList<>();
        elements(ctx.tableElement(), columns, pk);
        for (ColumnDefinition c : columns) {
            if (c.primaryKey()) {
                throw SqlParseException.at(
                        c.pos(),
                        "a stream has no primary key",
                        "Use KEY to mark the key column of a stream, or CREATE TABLE for keyed, updatable rows.");
            }
        }
        if (!pk.isEmpty()) {
            throw SqlParseException.at(
                    ctx.tableElement().stream()
                            .filter(e -> e instanceof PrimaryKeyConstraintContext)
                            .findFirst()
                            .get()
                            .getStart(),
                    "a stream has no primary key",
                    "Use KEY to mark the key column of a stream, or CREATE TABLE for keyed, updatable rows.");
        }
        return new CreateStream(
                pos(ctx),
                qualifiedName(ctx.qualifiedName()),
                ctx.REPLACE() != null,
                ctx.EXISTS() != null,
                columns,
                properties(ctx.withProperties()));
    }

    @Override
    public Object visitCreateTable(CreateTableContext ctx) {
        List<ColumnDefinition> columns = new ArrayList<>();
        List<String> pk = new ArrayList<>();
        elements(ctx.tableElement(), columns, pk);
        return new CreateTable(
                pos(ctx),
                qualifiedName(ctx.qualifiedName()),
                ctx.REPLACE() != null,
                ctx.EXISTS() != null,
                columns,
                pk,
                properties(ctx.withProperties()));
    }

    private void elements(List<TableElementContext> ctxs, List<ColumnDefinition> columns, List<String> pk) {
        for (TableElementContext e : ctxs) {
            if (e instanceof PrimaryKeyConstraintContext p) {
                if (!pk.isEmpty()) {
                    throw SqlParseException.at(p.getStart(), "multiple primary keys are not allowed", null);
                }
                pk.addAll(identifiers(p.identifier()));
                continue;
            }
            ColumnDefinitionContext c = (ColumnDefinitionContext) e;
            boolean notNull = false;
            boolean primaryKey = false;
            boolean key = false;
            for (ColumnConstraintContext cc : c.columnConstraint()) {
                if (cc.PRIMARY() != null) {
                    primaryKey = true;
                } else if (cc.KEY() != null) {
                    key = true;
                } else if (cc.NOT() != null) {
                    notNull = true;
                }
            }
            columns.add(
                    new ColumnDefinition(pos(c), identifier(c.identifier()), type(c.type()), notNull, primaryKey, key));
        }
    }

    @Override
    public Object visitCreateAs(CreateAsContext ctx) {
        ObjectKind kind = ctx.STREAM() != null
                ? ObjectKind.STREAM
                : ctx.TABLE() != null ? ObjectKind.TABLE : ObjectKind.MATERIALIZED_VIEW;
        return new CreateAs(
                pos(ctx),
                kind,
                qualifiedName(ctx.qualifiedName()),
                ctx.REPLACE() != null,
                ctx.EXISTS() != null,
                properties(ctx.withProperties()),
                query(ctx.query()));
    }

    @Override
    public Object visitCreateSource(CreateSourceContext ctx) {
        List<ColumnDefinition> columns = new ArrayList<>();
        List<String> pk = new ArrayList<>();
        elements(ctx.tableElement(), columns, pk);
        return new CreateSource(
                pos(ctx),
                qualifiedName(ctx.qualifiedName()),
                ctx.EXISTS() != null,
                columns,
                properties(ctx.withProperties()));
    }

    @Override
    public Object visitCreateSink(CreateSinkContext ctx) {
        QualifiedName from = ctx.FROM() != null ? qualifiedName(ctx.qualifiedName(1)) : null;
        return new CreateSink(
                pos(ctx),
                qualifiedName(ctx.qualifiedName(0)),
                ctx.EXISTS() != null,
                from,
                ctx.query() == null ? null : query(ctx.query()),
                properties(ctx.withProperties()));
    }

    @Override
    public Object visitDrop(DropContext ctx) {
        List<QualifiedName> names = new ArrayList<>();
        for (QualifiedNameContext n : ctx.qualifiedName()) {
            names.add(qualifiedName(n));
        }
        return new DropObject(
                pos(ctx), objectKind(ctx.objectKind()), ctx.EXISTS() != null, names, ctx.CASCADE() != null);
    }

    static ObjectKind objectKind(ObjectKindContext ctx) {
        if (ctx.MATERIALIZED() != null) {
            return ObjectKind.MATERIALIZED_VIEW;
        }
        return ObjectKind.valueOf(ctx.getText().toUpperCase(Locale.ROOT));
    }

    List<Property> properties(WithPropertiesContext ctx) {
        List<Property> out = new ArrayList<>();
        if (ctx != null) {
            for (PropertyContext p : ctx.property()) {
                out.add(new Property(pos(p), propertyName(p.propertyName()), propertyValue(p.propertyValue())));
            }
        }
        return out;
    }

    private static String propertyName(PropertyNameContext ctx) {
        if (ctx.string() != null) {
            return string(ctx.string());
        }
        if (ctx.TABLE() != null) {
            return "table";
        }
        return String.join(".", identifiers(ctx.identifier()));
    }

    private Expression propertyValue(PropertyValueContext ctx) {
        if (ctx == null) {
            return null;
        }
        SourcePos at = pos(ctx);
        if (ctx instanceof StringPropertyValueContext s) {
            return new StringLiteral(at, string(s.string()));
        }
        if (ctx instanceof NumberPropertyValueContext n) {
            Expression number =
                    new NumberLiteral(pos(n.number()), n.number().getText().toLowerCase(Locale.ROOT));
            return n.MINUS() != null ? new UnaryExpression(at, "-", number) : number;
        }
        if (ctx instanceof BooleanPropertyValueContext b) {
            return new BooleanLiteral(at, b.booleanValue().TRUE() != null);
        }
        return new ColumnRef(at, List.of(identifier(((IdentifierPropertyValueContext) ctx).identifier())));
    }

    // ---------------------------------------------------------------- DML

    @Override
    public Object visitInsert(InsertContext ctx) {
        return new Insert(
                pos(ctx), qualifiedName(ctx.qualifiedName()), identifiers(ctx.identifier()), query(ctx.query()));
    }

    @Override
    public Object visitUpdate(UpdateContext ctx) {
        List<Assignment> assignments = new ArrayList<>();
        for (AssignmentContext a : ctx.assignment()) {
            assignments.add(new Assignment(pos(a), identifier(a.identifier()), expr(a.expression())));
        }
        String alias = ctx.identifier() == null ? null : identifier(ctx.identifier());
        return new Update(pos(ctx), qualifiedName(ctx.qualifiedName()), alias, assignments, expr(ctx.where));
    }

    @Override
    public Object visitDelete(DeleteContext ctx) {
        String alias = ctx.identifier() == null ? null : identifier(ctx.identifier());
        return new Delete(pos(ctx), qualifiedName(ctx.qualifiedName()), alias, expr(ctx.where));
    }

    @Override
    public Object visitCopyFrom(CopyFromContext ctx) {
        return new Copy(
                pos(ctx),
                CopyDirection.FROM_STDIN,
                qualifiedName(ctx.qualifiedName()),
                identifiers(ctx.identifier()),
                null,
                copyOptions(ctx.copyOptions()));
    }

    @Override
    public Object visitCopyTo(CopyToContext ctx) {
        return new Copy(
                pos(ctx),
                CopyDirection.TO_STDOUT,
                ctx.qualifiedName() == null ? null : qualifiedName(ctx.qualifiedName()),
                identifiers(ctx.identifier()),
                ctx.query() == null ? null : query(ctx.query()),
                copyOptions(ctx.copyOptions()));
    }

    private List<Property> copyOptions(CopyOptionsContext ctx) {
        List<Property> out = new ArrayList<>();
        if (ctx instanceof CopyOptionListContext list) {
            for (CopyOptionContext o : list.copyOption()) {
                String name = o.identifier() != null
                        ? identifier(o.identifier())
                        : o.getStart().getText().toLowerCase(Locale.ROOT);
                out.add(new Property(pos(o), name, propertyValue(o.propertyValue())));
            }
        } else if (ctx instanceof LegacyCopyOptionsContext legacy) {
            // PostgreSQL's pre-9.0 spelling, normalised to the option list it means.
            for (LegacyCopyOptionContext o : legacy.legacyCopyOption()) {
                SourcePos at = pos(o);
                if (o.BINARY() != null) {
                    out.add(new Property(at, "format", new ColumnRef(at, List.of("binary"))));
                } else if (o.CSV() != null) {
                    out.add(new Property(at, "format", new ColumnRef(at, List.of("csv"))));
                } else if (o.HEADER() != null) {
                    out.add(new Property(at, "header", null));
                } else {
                    String name = o.DELIMITER() != null ? "delimiter" : "null";
                    out.add(new Property(at, name, new StringLiteral(pos(o.string()), string(o.string()))));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- push queries and cursors

    @Override
    public Object visitSubscribeTo(SubscribeToContext ctx) {
        return new Subscribe(pos(ctx), qualifiedName(ctx.qualifiedName()), null, properties(ctx.withProperties()));
    }

    @Override
    public Object visitSubscribeQuery(SubscribeQueryContext ctx) {
        return new Subscribe(pos(ctx), null, query(ctx.query()), properties(ctx.withProperties()));
    }

    @Override
    public Object visitDeclareCursor(DeclareCursorContext ctx) {
        Statement body = statement(ctx.statement());
        if (!(body instanceof QueryStatement) && !(body instanceof Subscribe)) {
            throw SqlParseException.at(
                    ctx.statement().getStart(), "a cursor must be declared FOR a query or SUBSCRIBE", null);
        }
        boolean binary = false;
        boolean noScroll = false;
        for (CursorOptionContext o : ctx.cursorOption()) {
            binary |= o.BINARY() != null;
            noScroll |= o.NO() != null;
        }
        return new DeclareCursor(pos(ctx), identifier(ctx.identifier()), binary, noScroll, ctx.WITH() != null, body);
    }

    @Override
    public Object visitFetch(FetchContext ctx) {
        Long count = 1L;
        FetchCountContext c = ctx.fetchCount();
        if (c != null) {
            if (c.ALL() != null) {
                count = null;
            } else if (c.INTEGER_VALUE() != null) {
                try {
                    count = Long.parseLong(c.INTEGER_VALUE().getText());
                } catch (NumberFormatException e) {
                    throw SqlParseException.at(c.getStart(), "fetch count out of range", null);
                }
            }
        }
        return new Fetch(pos(ctx), identifier(ctx.identifier()), count, properties(ctx.withProperties()));
    }

    @Override
    public Object visitClose(CloseContext ctx) {
        return new CloseCursor(pos(ctx), ctx.ALL() != null ? null : identifier(ctx.identifier()));
    }

    // ---------------------------------------------------------------- catalog and operations

    @Override
    public Object visitShowObjects(ShowObjectsContext ctx) {
        ShowKind kind = ctx.showKind().MATERIALIZED() != null
                ? ShowKind.MATERIALIZED_VIEWS
                : ShowKind.valueOf(ctx.showKind().getText().toUpperCase(Locale.ROOT));
        return new ShowObjects(pos(ctx), kind, ctx.EXTENDED() != null);
    }

    @Override
    public Object visitShowCreate(ShowCreateContext ctx) {
        ObjectKind kind = ctx.objectKind() == null ? null : objectKind(ctx.objectKind());
        return new ShowCreate(pos(ctx), kind, qualifiedName(ctx.qualifiedName()));
    }

    @Override
    public Object visitShowAll(ShowAllContext ctx) {
        return new ShowVariable(pos(ctx), "all");
    }

    @Override
    public Object visitShowVariable(ShowVariableContext ctx) {
        return new ShowVariable(pos(ctx), variableName(ctx.variableName()));
    }

    /** A setting name: dotted identifiers joined with '.', keyword phrases lower case joined by a space. */
    static String variableName(VariableNameContext ctx) {
        if (!ctx.identifier().isEmpty()) {
            return String.join(".", identifiers(ctx.identifier()));
        }
        if (ctx.ZONE() != null) {
            return "timezone";
        }
        return "transaction isolation level";
    }

    @Override
    public Object visitDescribe(DescribeContext ctx) {
        return new Describe(pos(ctx), qualifiedName(ctx.qualifiedName()), ctx.EXTENDED() != null);
    }

    @Override
    public Object visitExplain(ExplainContext ctx) {
        return new Explain(pos(ctx), ctx.ANALYZE() != null, statement(ctx.statement()));
    }

    @Override
    public Object visitExplainQuery(ExplainQueryContext ctx) {
        String id = ctx.identifier() != null ? identifier(ctx.identifier()) : string(ctx.string());
        return new ExplainQuery(pos(ctx), id);
    }

    @Override
    public Object visitPrint(PrintContext ctx) {
        String topic = ctx.identifier() != null ? identifier(ctx.identifier()) : string(ctx.string());
        Long limit = null;
        if (ctx.INTEGER_VALUE() != null) {
            try {
                limit = Long.parseLong(ctx.INTEGER_VALUE().getText());
            } catch (NumberFormatException e) {
                throw SqlParseException.at(ctx.INTEGER_VALUE().getSymbol(), "limit out of range", null);
            }
        }
        return new Print(pos(ctx), topic, ctx.BEGINNING() != null, limit);
    }

    @Override
    public Object visitTerminate(TerminateContext ctx) {
        String id = null;
        if (ctx.identifier() != null) {
            id = identifier(ctx.identifier());
        } else if (ctx.string() != null) {
            id = string(ctx.string());
        }
        return new Terminate(pos(ctx), id);
    }

    @Override
    public Object visitSetTimeZone(SetTimeZoneContext ctx) {
        // SET TIME ZONE LOCAL and DEFAULT both mean "back to the default": no values.
        List<Expression> values = ctx.setValue() == null ? List.of() : List.of(setValue(ctx.setValue()));
        return new SetVariable(pos(ctx), isLocal(ctx.scope), "timezone", values);
    }

    private static boolean isLocal(org.antlr.v4.runtime.Token scope) {
        return scope != null && scope.getType() == dev.sluice.sql.grammar.SluiceSqlLexer.LOCAL;
    }

    @Override
    public Object visitSetVariable(SetVariableContext ctx) {
        List<Expression> values = new ArrayList<>();
        for (SetValueContext v : ctx.setValue()) {
            values.add(setValue(v));
        }
        return new SetVariable(pos(ctx), isLocal(ctx.scope), variableName(ctx.variableName()), values);
    }

    private Expression setValue(SetValueContext ctx) {
        SourcePos at = pos(ctx);
        if (ctx instanceof StringSetValueContext s) {
            return new StringLiteral(at, string(s.string()));
        }
        if (ctx instanceof NumberSetValueContext n) {
            Expression number =
                    new NumberLiteral(pos(n.number()), n.number().getText().toLowerCase(Locale.ROOT));
            return n.MINUS() != null ? new UnaryExpression(at, "-", number) : number;
        }
        WordSetValueContext w = (WordSetValueContext) ctx;
        String word = w.identifier() != null
                ? identifier(w.identifier())
                : w.getText().toLowerCase(Locale.ROOT);
        return new ColumnRef(at, List.of(word));
    }

    @Override
    public Object visitSetSessionCharacteristics(SetSessionCharacteristicsContext ctx) {
        return new SetTransaction(pos(ctx), true, modes(ctx.transactionMode()));
    }

    @Override
    public Object visitSetTransaction(SetTransactionContext ctx) {
        return new SetTransaction(pos(ctx), false, modes(ctx.transactionMode()));
    }

    private static List<String> modes(List<TransactionModeContext> ctxs) {
        List<String> out = new ArrayList<>();
        for (TransactionModeContext m : ctxs) {
            if (m instanceof IsolationModeContext i) {
                out.add("ISOLATION LEVEL " + words(i.isolationLevel()));
            } else if (m instanceof AccessModeContext a) {
                out.add(a.ONLY() != null ? "READ ONLY" : "READ WRITE");
            } else {
                DeferrableModeContext d = (DeferrableModeContext) m;
                String word = d.IDENTIFIER().getText().toUpperCase(Locale.ROOT);
                out.add(d.NOT() != null ? "NOT " + word : word);
            }
        }
        return out;
    }

    private static String words(org.antlr.v4.runtime.ParserRuleContext ctx) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ctx.getChildCount(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(ctx.getChild(i).getText().toUpperCase(Locale.ROOT));
        }
        return sb.toString();
    }

    @Override
    public Object visitReset(ResetContext ctx) {
        return new ResetVariable(pos(ctx), ctx.ALL() != null ? null : variableName(ctx.variableName()));
    }

    @Override
    public Object visitBegin(BeginContext ctx) {
        return new TransactionControl(pos(ctx), TransactionKind.BEGIN, modes(ctx.transactionMode()));
    }

    @Override
    public Object visitCommit(CommitContext ctx) {
        return new TransactionControl(pos(ctx), TransactionKind.COMMIT, List.of());
    }

    @Override
    public Object visitRollback(RollbackContext ctx) {
        return new TransactionControl(pos(ctx), TransactionKind.ROLLBACK, List.of());
    }

    @Override
    public Object visitSavepoint(SavepointContext ctx) {
        return new SavepointControl(pos(ctx), SavepointKind.SAVEPOINT, identifier(ctx.identifier()));
    }

    @Override
    public Object visitReleaseSavepoint(ReleaseSavepointContext ctx) {
        return new SavepointControl(pos(ctx), SavepointKind.RELEASE, identifier(ctx.identifier()));
    }

    @Override
    public Object visitRollbackToSavepoint(RollbackToSavepointContext ctx) {
        return new SavepointControl(pos(ctx), SavepointKind.ROLLBACK_TO, identifier(ctx.identifier()));
    }

    @Override
    public Object visitDeallocate(DeallocateContext ctx) {
        return new Deallocate(pos(ctx), ctx.ALL() != null ? null : identifier(ctx.identifier()));
    }

    @Override
    public Object visitDiscard(DiscardContext ctx) {
        return new Discard(pos(ctx), ctx.getChild(1).getText().toUpperCase(Locale.ROOT));
    }
}
