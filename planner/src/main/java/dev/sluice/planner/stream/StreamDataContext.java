package dev.sluice.planner.stream;

import dev.sluice.planner.calcite.SluiceTypeSystem;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

/**
 * What compiled expressions of a continuous query may ask for: the time zone and the current time.
 * {@code CURRENT_TIMESTAMP} is evaluated per row (a continuous query has no single start time).
 */
final class StreamDataContext implements DataContext {
    private static final JavaTypeFactory TYPE_FACTORY = new JavaTypeFactoryImpl(SluiceTypeSystem.INSTANCE);
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    private final AtomicBoolean cancel = new AtomicBoolean();

    @Override
    public SchemaPlus getRootSchema() {
        return null;
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
        if (name.equals(Variable.CURRENT_TIMESTAMP.camelName)
                || name.equals(Variable.LOCAL_TIMESTAMP.camelName)
                || name.equals(Variable.UTC_TIMESTAMP.camelName)) {
            return System.currentTimeMillis();
        }
        if (name.equals(Variable.TIME_ZONE.camelName)) {
            return UTC;
        }
        if (name.equals(Variable.CANCEL_FLAG.camelName)) {
            return cancel;
        }
        return null;
    }
}
