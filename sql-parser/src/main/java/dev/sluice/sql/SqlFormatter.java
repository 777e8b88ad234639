package dev.sluice.sql;

import dev.sluice.sql.ast.*;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Prints an AST as canonical SQL: one line, keywords upper case, identifiers quoted only when needed,
 * {@code ::} written as CAST, {@code !=} as {@code <>}, {@code EMIT ON WINDOW CLOSE} as {@code EMIT
 * FINAL}, legacy COPY options as an option list.
 *
 * <p>The contract, checked by the golden round-trip tests: {@code
 * SqlParser.parseStatement(format(ast)).equals(ast)} for every AST the parser produces. The catalog
 * stores definitions in this form and {@code SHOW CREATE} prints it.
 */
public final class SqlFormatter extends ExpressionFormatter {
    private static final Pattern SIMPLE_WORD = Pattern.compile("[a-z_][a-z0-9_]*");

    private SqlFormatter() {}

    public static String format(Statement statement) {
        SqlFormatter f = new SqlFormatter();
        f.statement(statement);
        return f.out.toString();
    }

    public static String format(Expression expression) {
        SqlFormatter f = new SqlFormatter();
        f.expr(expression);
        return f.out.toString();
    }

    public static String format(Query query) {
        SqlFormatter f = new SqlFormatter();
        f.query(query);
        return f.out.toString();
    }

    /** The same as {@link #format(Statement)} for a data type, e.g. {@code DECIMAL(10, 2)}. */
    public static String format(DataType type) {
        SqlFormatter f = new SqlFormatter();
        f.type(type);
        return f.out.toString();
    }

    // ---------------------------------------------------------------- queries

    @Override
    void query(Query q) {
        if (q.with() != null) {
            out.append("WITH ");
            if (q.with().recursive()) {
                out.append("RECURSIVE ");
            }
            List<NamedQuery> queries = q.with().queries();
            for (int i = 0; i < queries.size(); i++) {
                NamedQuery n = queries.get(i);
                out.append(i > 0 ? ", " : "").append(quote(n.name()));
                columnList(n.columns());
                out.append(" AS (");
                query(n.query());
                out.append(')');
            }
            out.append(' ');
        }
        body(q.body());
        if (!q.orderBy().isEmpty()) {
            out.append(" ORDER BY ");
            sortItems(q.orderBy());
        }
        if (q.limit() != null) {
            out.append(" LIMIT ");
            expr(q.limit());
        }
        if (q.offset() != null) {
            out.append(" OFFSET ");
            expr(q.offset());
        }
        if (q.emit() != null) {
            out.append(" EMIT ").append(q.emit());
        }
    }

    private void body(QueryBody b) {
        if (b instanceof QuerySpecification s) {
            specification(s);
        } else if (b instanceof SetOperation s) {
            body(s.left());
            out.append(' ').append(s.operator()).append(s.all() ? " ALL " : " ");
            body(s.right());
        } else if (b instanceof Values v) {
            out.append("VALUES ");
            for (int i = 0; i < v.rows().size(); i++) {
                out.append(i > 0 ? ", (" : "(");
                exprs(v.rows().get(i));
                out.append(')');
            }
        } else {
            out.append('(');
            query(((SubqueryBody) b).query());
            out.append(')');
        }
    }

    private void specification(QuerySpecification s) {
        out.append("SELECT");
        if (s.distinct()) {
            out.append(" DISTINCT");
            if (!s.distinctOn().isEmpty()) {
                out.append(" ON (");
                exprs(s.distinctOn());
                out.append(')');
            }
        }
        for (int i = 0; i < s.select().size(); i++) {
            out.append(i > 0 ? ", " : " ");
            SelectItem item = s.select().get(i);
            if (item instanceof AllColumns a) {
                if (a.qualifier() != null) {
                    name(a.qualifier());
                    out.append('.');
                }
                out.append('*');
            } else {
                SingleColumn c = (SingleColumn) item;
                expr(c.expression());
                if (c.alias() != null) {
                    out.append(" AS ").append(quote(c.alias()));
                }
            }
        }
        if (!s.from().isEmpty()) {
            out.append(" FROM ");
            for (int i = 0; i < s.from().size(); i++) {
                out.append(i > 0 ? ", " : "");
                relation(s.from().get(i));
            }
        }
        if (s.window() != null) {
            out.append(" WINDOW ");
            window(s.window());
        }
        if (s.where() != null) {
            out.append(" WHERE ");
            expr(s.where());
        }
        if (!s.groupBy().isEmpty()) {
            out.append(" GROUP BY ");
            exprs(s.groupBy());
        }
        if (s.having() != null) {
            out.append(" HAVING ");
            expr(s.having());
        }
    }

    private void relation(Relation r) {
        if (r instanceof Table t) {
            name(t.name());
        } else if (r instanceof AliasedRelation a) {
            if (a.relation() instanceof Join) {
                out.append('(');
                relation(a.relation());
                out.append(')');
            } else {
                relation(a.relation());
            }
            out.append(" AS ").append(quote(a.alias()));
            columnList(a.columnAliases());
        } else if (r instanceof SubqueryRelation s) {
            out.append(s.lateral() ? "LATERAL (" : "(");
            query(s.query());
            out.append(')');
        } else if (r instanceof TableFunction f) {
            out.append(f.lateral() ? "LATERAL " : "");
            expr(f.call());
        } else {
            join((Join) r);
        }
    }

    private void join(Join j) {
        relation(j.left());
        out.append(' ');
        if (j.natural()) {
            out.append("NATURAL ");
        }
        switch (j.type()) {
            case INNER -> out.append("JOIN ");
            case LEFT -> out.append("LEFT JOIN ");
            case RIGHT -> out.append("RIGHT JOIN ");
            case FULL -> out.append("FULL JOIN ");
            case CROSS -> out.append("CROSS JOIN ");
        }
        if (j.right() instanceof Join) {
            out.append('(');
            relation(j.right());
            out.append(')');
        } else {
            relation(j.right());
        }
        if (j.within() != null) {
            out.append(" WITHIN ");
            if (j.within().after() == null) {
                duration(j.within().before());
            } else {
                out.append('(');
                duration(j.within().before());
                out.append(", ");
                duration(j.within().after());
                out.append(')');
            }
        }
        if (j.on() != null) {
            out.append(" ON ");
            expr(j.on());
        } else if (!j.using().isEmpty()) {
            out.append(" USING (");
            names(j.using(), ", ");
            out.append(')');
        }
    }

    private void window(StreamWindow w) {
        Duration grace;
        Duration retention;
        if (w instanceof TumblingWindow t) {
            out.append("TUMBLING (SIZE ");
            duration(t.size());
            grace = t.grace();
            retention = t.retention();
        } else if (w instanceof HoppingWindow h) {
            out.append("HOPPING (SIZE ");
            duration(h.size());
            out.append(", ADVANCE BY ");
            duration(h.advance());
            grace = h.grace();
            retention = h.retention();
        } else {
            SessionWindow s = (SessionWindow) w;
            out.append("SESSION (");
            duration(s.gap());
            grace = s.grace();
            retention = s.retention();
        }
        if (grace != null) {
            out.append(", GRACE PERIOD ");
            duration(grace);
        }
        if (retention != null) {
            out.append(", RETENTION ");
            duration(retention);
        }
        out.append(')');
    }

    private void duration(Duration d) {
        out.append(d.value()).append(' ').append(d.unit().sql(d.value()));
    }

    private void columnList(List<String> columns) {
        if (!columns.isEmpty()) {
            out.append(" (");
            names(columns, ", ");
            out.append(')');
        }
    }

    // ---------------------------------------------------------------- statements

    private void statement(Statement s) {
        if (s instanceof QueryStatement q) {
            query(q.query());
        } else if (s instanceof CreateStream c) {
            create(c.orReplace(), "STREAM", c.ifNotExists(), c.name());
            columns(c.columns(), List.of());
            properties(c.properties());
        } else if (s instanceof CreateTable c) {
            create(c.orReplace(), "TABLE", c.ifNotExists(), c.name());
            columns(c.columns(), c.primaryKey());
            properties(c.properties());
        } else if (s instanceof CreateAs c) {
            create(c.orReplace(), c.kind().sql(), c.ifNotExists(), c.name());
            properties(c.properties());
            out.append(" AS ");
            query(c.query());
        } else if (s instanceof CreateSource c) {
            create(false, "SOURCE", c.ifNotExists(), c.name());
            if (!c.columns().isEmpty()) {
                columns(c.columns(), List.of());
            }
            properties(c.properties());
        } else if (s instanceof CreateSink c) {
            create(false, "SINK", c.ifNotExists(), c.name());
            if (c.from() != null) {
                out.append(" FROM ");
                name(c.from());
                properties(c.properties());
            } else {
                properties(c.properties());
                out.append(" AS ");
                query(c.query());
            }
        } else if (s instanceof DropObject d) {
            out.append("DROP ").append(d.kind().sql()).append(d.ifExists() ? " IF EXISTS " : " ");
            for (int i = 0; i < d.names().size(); i++) {
                out.append(i > 0 ? ", " : "");
                name(d.names().get(i));
            }
            out.append(d.cascade() ? " CASCADE" : "");
        } else {
            dml(s);
        }
    }

    private void create(boolean orReplace, String kind, boolean ifNotExists, QualifiedName name) {
        out.append(orReplace ? "CREATE OR REPLACE " : "CREATE ").append(kind);
        out.append(ifNotExists ? " IF NOT EXISTS " : " ");
        name(name);
    }

    private void columns(List<ColumnDefinition> columns, List<String> primaryKey) {
        out.append(" (");
        for (int i = 0; i < columns.size(); i++) {
            ColumnDefinition c = columns.get(i);
            out.append(i > 0 ? ", " : "").append(quote(c.name())).append(' ');
            type(c.type());
            out.append(c.primaryKey() ? " PRIMARY KEY" : "");
            out.append(c.key() ? " KEY" : "");
            out.append(c.notNull() ? " NOT NULL" : "");
        }
        if (!primaryKey.isEmpty()) {
            out.append(columns.isEmpty() ? "" : ", ").append("PRIMARY KEY (");
            names(primaryKey, ", ");
            out.append(')');
        }
        out.append(')');
    }

    private void properties(List<Property> properties) {
        if (properties.isEmpty()) {
            return;
        }
        out.append(" WITH (");
        for (int i = 0; i < properties.size(); i++) {
            Property p = properties.get(i);
            out.append(i > 0 ? ", " : "").append(propertyName(p.name()));
            if (p.value() != null) {
                out.append(" = ");
                expr(p.value());
            }
        }
        out.append(')');
    }

    /** Property names print bare when every dotted part is a usable identifier, else as a string. */
    private static String propertyName(String name) {
        for (String part : name.split("\\.", -1)) {
            if (!SIMPLE_WORD.matcher(part).matches() || !quote(part).equals(part)) {
                return literal(name);
            }
        }
        return name;
    }

    /** A word that the grammar also accepts as a string (topics, query ids): bare when possible. */
    private static String wordOrString(String word) {
        return SIMPLE_WORD.matcher(word).matches() && quote(word).equals(word) ? word : literal(word);
    }

    private void dml(Statement s) {
        if (s instanceof Insert i) {
            out.append("INSERT INTO ");
            name(i.target());
            columnList(i.columns());
            out.append(' ');
            query(i.query());
        } else if (s instanceof Update u) {
            out.append("UPDATE ");
            name(u.target());
            if (u.alias() != null) {
                out.append(" AS ").append(quote(u.alias()));
            }
            out.append(" SET ");
            for (int i = 0; i < u.assignments().size(); i++) {
                Assignment a = u.assignments().get(i);
                out.append(i > 0 ? ", " : "").append(quote(a.column())).append(" = ");
                expr(a.value());
            }
            where(u.where());
        } else if (s instanceof Delete d) {
            out.append("DELETE FROM ");
            name(d.target());
            if (d.alias() != null) {
                out.append(" AS ").append(quote(d.alias()));
            }
            where(d.where());
        } else if (s instanceof Copy c) {
            out.append("COPY ");
            if (c.query() != null) {
                out.append('(');
                query(c.query());
                out.append(')');
            } else {
                name(c.table());
                columnList(c.columns());
            }
            out.append(c.direction() == CopyDirection.FROM_STDIN ? " FROM STDIN" : " TO STDOUT");
            copyOptions(c.options());
        } else {
            StatementFormatter.other(this, s);
        }
    }

    private void where(Expression where) {
        if (where != null) {
            out.append(" WHERE ");
            expr(where);
        }
    }

    private void copyOptions(List<Property> options) {
        if (options.isEmpty()) {
            return;
        }
        out.append(" (");
        for (int i = 0; i < options.size(); i++) {
            Property p = options.get(i);
            out.append(i > 0 ? ", " : "");
            switch (p.name()) {
                case "format", "header", "delimiter", "null", "escape" ->
                    out.append(p.name().toUpperCase(java.util.Locale.ROOT));
                default -> out.append(quote(p.name()));
            }
            if (p.value() != null) {
                out.append(' ');
                expr(p.value());
            }
        }
        out.append(')');
    }

    // Used by StatementFormatter, which prints the remaining (operational) statements.
    void appendProperties(List<Property> properties) {
        properties(properties);
    }

    void appendStatement(Statement s) {
        statement(s);
    }

    static String word(String w) {
        return wordOrString(w);
    }
}
