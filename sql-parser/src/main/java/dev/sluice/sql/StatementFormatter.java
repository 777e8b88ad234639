package dev.sluice.sql;

import dev.sluice.sql.ast.CloseCursor;
import dev.sluice.sql.ast.ColumnRef;
import dev.sluice.sql.ast.Deallocate;
import dev.sluice.sql.ast.DeclareCursor;
import dev.sluice.sql.ast.Describe;
import dev.sluice.sql.ast.Discard;
import dev.sluice.sql.ast.Explain;
import dev.sluice.sql.ast.ExplainQuery;
import dev.sluice.sql.ast.Expression;
import dev.sluice.sql.ast.Fetch;
import dev.sluice.sql.ast.Print;
import dev.sluice.sql.ast.ResetVariable;
import dev.sluice.sql.ast.SavepointControl;
import dev.sluice.sql.ast.SetTransaction;
import dev.sluice.sql.ast.SetVariable;
import dev.sluice.sql.ast.ShowCreate;
import dev.sluice.sql.ast.ShowObjects;
import dev.sluice.sql.ast.ShowVariable;
import dev.sluice.sql.ast.Statement;
import dev.sluice.sql.ast.Subscribe;
import dev.sluice.sql.ast.Terminate;
import dev.sluice.sql.ast.TransactionControl;
import java.util.List;
import java.util.Set;

/** Canonical SQL for cursors, SHOW/DESCRIBE/EXPLAIN, SET/RESET and transaction control. */
final class StatementFormatter {
    private StatementFormatter() {}

    /** Bare words that SET accepts although they are reserved keywords. */
    private static final Set<String> SET_WORDS = Set.of("on", "true", "false", "local");

    static void other(SqlFormatter f, Statement s) {
        StringBuilder out = f.out;
        if (s instanceof Subscribe sub) {
            if (sub.name() != null) {
                out.append("SUBSCRIBE TO ");
                f.name(sub.name());
            } else {
                out.append("SUBSCRIBE (");
                f.query(sub.query());
                out.append(')');
            }
            f.appendProperties(sub.properties());
        } else if (s instanceof DeclareCursor d) {
            out.append("DECLARE ").append(ExpressionFormatter.quote(d.name()));
            out.append(d.binary() ? " BINARY" : "").append(d.noScroll() ? " NO SCROLL" : "");
            out.append(" CURSOR").append(d.withHold() ? " WITH HOLD" : "").append(" FOR ");
            f.appendStatement(d.query());
        } else if (s instanceof Fetch fe) {
            out.append("FETCH ")
                    .append(fe.count() == null ? "ALL" : fe.count().toString())
                    .append(" FROM ");
            out.append(ExpressionFormatter.quote(fe.cursor()));
            f.appendProperties(fe.properties());
        } else if (s instanceof CloseCursor c) {
            out.append("CLOSE ").append(c.name() == null ? "ALL" : ExpressionFormatter.quote(c.name()));
        } else if (s instanceof ShowObjects so) {
            out.append("SHOW ").append(so.kind().sql()).append(so.extended() ? " EXTENDED" : "");
        } else if (s instanceof ShowCreate sc) {
            out.append("SHOW CREATE ");
            if (sc.kind() != null) {
                out.append(sc.kind().sql()).append(' ');
            }
            f.name(sc.name());
        } else if (s instanceof ShowVariable sv) {
            out.append("SHOW ").append(variable(sv.name(), true));
        } else if (s instanceof Describe d) {
            out.append(d.extended() ? "DESCRIBE EXTENDED " : "DESCRIBE ");
            f.name(d.name());
        } else if (s instanceof Explain e) {
            out.append(e.analyze() ? "EXPLAIN ANALYZE " : "EXPLAIN ");
            f.appendStatement(e.statement());
        } else if (s instanceof ExplainQuery e) {
            out.append("EXPLAIN ").append(SqlFormatter.word(e.queryId()));
        } else if (s instanceof Print p) {
            out.append("PRINT ").append(SqlFormatter.word(p.topic()));
            out.append(p.fromBeginning() ? " FROM BEGINNING" : "");
            if (p.limit() != null) {
                out.append(" LIMIT ").append(p.limit());
            }
        } else if (s instanceof Terminate t) {
            out.append("TERMINATE ").append(t.queryId() == null ? "ALL" : SqlFormatter.word(t.queryId()));
        } else if (s instanceof SetVariable sv) {
            out.append(sv.local() ? "SET LOCAL " : "SET ")
                    .append(variable(sv.name(), false))
                    .append(" = ");
            if (sv.values().isEmpty()) {
                out.append("DEFAULT");
            }
            List<Expression> values = sv.values();
            for (int i = 0; i < values.size(); i++) {
                out.append(i > 0 ? ", " : "");
                Expression v = values.get(i);
                if (v instanceof ColumnRef c
                        && c.parts().size() == 1
                        && SET_WORDS.contains(c.parts().get(0))) {
                    out.append(c.parts().get(0));
                } else {
                    f.expr(v);
                }
            }
        } else if (s instanceof SetTransaction st) {
            out.append(
                    st.sessionCharacteristics() ? "SET SESSION CHARACTERISTICS AS TRANSACTION " : "SET TRANSACTION ");
            out.append(String.join(", ", st.modes()));
        } else if (s instanceof ResetVariable r) {
            out.append("RESET ").append(r.name() == null ? "ALL" : variable(r.name(), true));
        } else if (s instanceof TransactionControl t) {
            out.append(t.kind());
            if (!t.modes().isEmpty()) {
                out.append(' ').append(String.join(", ", t.modes()));
            }
        } else if (s instanceof SavepointControl sp) {
            switch (sp.kind()) {
                case SAVEPOINT -> out.append("SAVEPOINT ");
                case RELEASE -> out.append("RELEASE SAVEPOINT ");
                case ROLLBACK_TO -> out.append("ROLLBACK TO SAVEPOINT ");
            }
            out.append(ExpressionFormatter.quote(sp.name()));
        } else if (s instanceof Deallocate d) {
            out.append("DEALLOCATE ").append(d.name() == null ? "ALL" : ExpressionFormatter.quote(d.name()));
        } else if (s instanceof Discard d) {
            out.append("DISCARD ").append(d.target());
        } else {
            throw new IllegalArgumentException("cannot format " + s.getClass().getSimpleName());
        }
    }

    /** A setting name; in SHOW/RESET a keyword would read as a different statement, so quote it. */
    private static String variable(String name, boolean strict) {
        if (name.equals("transaction isolation level")) {
            return "TRANSACTION ISOLATION LEVEL";
        }
        if (strict && name.equals("all")) {
            return "ALL";
        }
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("\\.", -1)) {
            sb.append(sb.length() > 0 ? "." : "");
            sb.append(strict ? ExpressionFormatter.quoteStrict(part) : ExpressionFormatter.quote(part));
        }
        return sb.toString();
    }
}
