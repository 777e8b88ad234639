package dev.sluice.planner.calcite;

import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

/**
 * What Calcite's generated code asks of one execution: parameter values ({@code ?0}, ...), objects
 * the compiler stashed, the current time, the time zone and the cancel flag.
 */
final class QueryContext implements DataContext {
    private static final JavaTypeFactory TYPE_FACTORY = new JavaTypeFactoryImpl(SluiceTypeSystem.INSTANCE);

    private final CalciteSchema root;
    private final Map<String, Object> internalParameters;
    private final Object[] parameters;
    private final AtomicBoolean cancel;
    private final Object session;
    private final long now = System.currentTimeMillis();
    private final TimeZone timeZone = TimeZone.getTimeZone("UTC");

    QueryContext(
            CalciteSchema root,
            Map<String, Object> internalParameters,
            Object[] parameters,
            AtomicBoolean cancel,
            Object session) {
        this.root = root;
        this.session = session;
        this.internalParameters = internalParameters;
        this.parameters = parameters;
        this.cancel = cancel;
    }

    @Override
    public SchemaPlus getRootSchema() {
        return root.plus();
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
        return TYPE_FACTORY;
    }

    @Override
    public QueryProvider getQueryProvider() {
        return null;
    }

    @Override
    public Object get(String name) {
        if (name.startsWith("?")) {
            return parameters[Integer.parseInt(name.substring(1))];
        }
        if (name.equals(Variable.CURRENT_TIMESTAMP.camelName)
                || name.equals(Variable.LOCAL_TIMESTAMP.camelName)
                || name.equals(Variable.UTC_TIMESTAMP.camelName)) {
            return now + timeZone.getOffset(now);
        }
        if (name.equals(Variable.TIME_ZONE.camelName)) {
            return timeZone;
        }
        if (name.equals(dev.sluice.planner.pgcatalog.PgRuntime.SESSION_KEY)) {
            return session;
        }
        if (name.equals(Variable.CANCEL_FLAG.camelName)) {
            return cancel;
        }
        return internalParameters.get(name);
    }
}
