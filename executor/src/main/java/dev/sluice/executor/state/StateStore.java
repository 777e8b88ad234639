package dev.sluice.executor.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one RocksDB instance, with a column family per relation ({@code rel-<oid>}) and per
 * persistent query ({@code query-<oid>}, see {@link QueryState}).
 *
 * <p>Closing flushes memtables, so a clean shutdown keeps everything; after a crash, state is as of
 * the last flush (the WAL is off, see the package documentation).
 */
public final class StateStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

    static {
        RocksDB.loadLibrary();
    }

    private final RocksDB db;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final Map<String, ColumnFamilyHandle> families = new HashMap<>();
    private final ColumnFamilyHandle defaultFamily;

    private StateStore(
            RocksDB db,
            DBOptions dbOptions,
            ColumnFamilyOptions cfOptions,
            List<ColumnFamilyHandle> handles,
            List<String> names) {
        this.db = db;
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        ColumnFamilyHandle dflt = null;
        for (int i = 0; i < handles.size(); i++) {
            if (names.get(i).equals("default")) {
                dflt = handles.get(i);
            } else {
                families.put(names.get(i), handles.get(i));
            }
        }
        this.defaultFamily = dflt;
    }

    /** Opens (or creates) the store in {@code dir} with every column family it already has. */
    public static StateStore open(Path dir) {
        try {
            Files.createDirectories(dir);
            DBOptions dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
            ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
            List<String> names = new ArrayList<>();
            try (org.rocksdb.Options listOptions = new org.rocksdb.Options()) {
                for (byte[] name : RocksDB.listColumnFamilies(listOptions, dir.toString())) {
                    names.add(new String(name, StandardCharsets.UTF_8));
                }
            }
            if (!names.contains("default")) {
                names.add(0, "default");
            }
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (String n : names) {
                descriptors.add(new ColumnFamilyDescriptor(n.getBytes(StandardCharsets.UTF_8), cfOptions));
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
            LOG.info("State store open with {} relation(s)", names.size() - 1);
            return new StateStore(db, dbOptions, cfOptions, handles, names);
        } catch (RocksDBException | IOException e) {
            throw new StateException("cannot open state store in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The state of one relation, creating its column family if needed. */
    public synchronized TableState table(long oid) {
        return new TableState(db, family("rel-" + oid));
    }

    /** The committed operator state of one persistent query, creating its column family if needed. */
    public synchronized QueryState query(long oid) {
        return new QueryState(db, family("query-" + oid));
    }

    /**
     * The committed state of one task of a persistent query split into tasks by key: the task that
     * owns partition {@code part} of the query's repartition topic ({@code query-<oid>-p<part>}).
     */
    public synchronized QueryState query(long oid, int part) {
        return new QueryState(db, family("query-" + oid + "-p" + part));
    }

    private ColumnFamilyHandle family(String name) {
        ColumnFamilyHandle handle = families.get(name);
        if (handle == null) {
            try {
                handle = db.createColumnFamily(
                        new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cfOptions));
            } catch (RocksDBException e) {
                throw new StateException("cannot create state " + name, e);
            }
            families.put(name, handle);
        }
        return handle;
    }

    /** Removes a relation's state and its query's state, if any (DROP). */
    public synchronized void drop(long oid) {
        dropFamily("query-" + oid);
        dropFamily("rel-" + oid);
        String tasks = "query-" + oid + "-p";
        for (String name : List.copyOf(families.keySet())) {
            if (name.startsWith(tasks)) {
                dropFamily(name);
            }
        }
    }

    private void dropFamily(String name) {
        ColumnFamilyHandle handle = families.remove(name);
        if (handle == null) {
            return;
        }
        try {
            db.dropColumnFamily(handle);
        } catch (RocksDBException e) {
            throw new StateException("cannot drop state " + name, e);
        } finally {
            handle.close();
        }
    }

    /** Oids of every relation that has state, so start-up can drop state of relations that are gone. */
    public synchronized List<Long> relations() {
        List<Long> out = new ArrayList<>();
        for (String name : families.keySet()) {
            // rel-<oid>, query-<oid> and query-<oid>-p<part>: all are state of relation <oid>
            String rest = name.substring(name.indexOf('-') + 1);
            int end = rest.indexOf('-');
            out.add(Long.parseLong(end < 0 ? rest : rest.substring(0, end)));
        }
        return out.stream().distinct().toList();
    }

    /** Writes memtables to disk, making everything applied so far survive a crash. */
    public synchronized void flush() {
        try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
            List<ColumnFamilyHandle> all = new ArrayList<>(families.values());
            if (!all.isEmpty()) {
                db.flush(options, all);
            }
        } catch (RocksDBException e) {
            throw new StateException("cannot flush state", e);
        }
    }

    @Override
    public synchronized void close() {
        flush();
        families.values().forEach(ColumnFamilyHandle::close);
        defaultFamily.close();
        db.close();
        dbOptions.close();
        cfOptions.close();
    }
}
