package dev.sluice.planner.catalog;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live catalog: the current {@link CatalogSnapshot} plus the rules a change must obey.
 *
 * <p>Changes are applied only after they are durable in the catalog log (the caller appends first,
 * then calls {@link #apply}); readers take {@link #snapshot()} and never block. Writers serialize
 * on this object, so two sessions creating the same name cannot both pass {@link #checkCreate}.
 */
public final class Catalog {
    /** PostgreSQL's first oid for user objects; lower ones belong to pg_catalog. */
    public static final long FIRST_USER_OID = 16_384;

    private volatile CatalogSnapshot snapshot = CatalogSnapshot.EMPTY;
    private final AtomicLong nextOid = new AtomicLong(FIRST_USER_OID);

    public CatalogSnapshot snapshot() {
        return snapshot;
    }

    /** Replays changes read from the catalog log at start-up, in log order. */
    public synchronized void replay(List<CatalogChange> changes) {
        CatalogSnapshot s = snapshot;
        for (CatalogChange change : changes) {
            s = s.apply(change);
        }
        snapshot = s;
        nextOid.set(Math.max(FIRST_USER_OID, s.maxOid() + 1));
    }

    /** A fresh oid for a new relation. */
    public long allocateOid() {
        return nextOid.getAndIncrement();
    }

    /** Applies a change that is already durable. */
    public synchronized void apply(CatalogChange change) {
        snapshot = snapshot.apply(change);
        if (change instanceof CatalogChange.Put put) {
            nextOid.accumulateAndGet(put.relation().oid() + 1, Math::max);
        }
    }

    /**
     * Checks that {@code name} can be created.
     *
     * @return false when it exists and {@code ifNotExists} asks to do nothing
     * @throws SluiceException 42P07 when it exists, 42P01 when a relation it reads is gone
     */
    public boolean checkCreate(QualifiedName name, boolean ifNotExists, List<QualifiedName> dependsOn) {
        CatalogSnapshot s = snapshot;
        var existing = s.find(name);
        if (existing.isPresent()) {
            if (ifNotExists) {
                return false;
            }
            throw new SluiceException(
                    SqlState.DUPLICATE_TABLE,
                    "relation \"" + name.displayName() + "\" already exists (a "
                            + existing.get().kind().sqlName().toLowerCase(java.util.Locale.ROOT) + ")",
                    null,
                    "use CREATE ... IF NOT EXISTS to skip it, or DROP it first",
                    0,
                    null);
        }
        for (QualifiedName dep : dependsOn) {
            if (s.find(dep).isEmpty()) {
                throw new SluiceException(
                        SqlState.UNDEFINED_TABLE, "relation \"" + dep.displayName() + "\" does not exist");
            }
        }
        return true;
    }

    /**
     * Works out what {@code DROP kind name [CASCADE]} removes.
     *
     * @return the relations to remove, dependents first; empty when it does not exist and {@code
     *     ifExists} asks to do nothing
     * @throws SluiceException 42P01 unknown, 42809 wrong kind, 2BP01 dependents exist without CASCADE
     */
    public List<Relation> planDrop(QualifiedName name, RelationKind kind, boolean ifExists, boolean cascade) {
        CatalogSnapshot s = snapshot;
        var found = s.find(name);
        if (found.isEmpty()) {
            if (ifExists) {
                return List.of();
            }
            throw new SluiceException(
                    SqlState.UNDEFINED_TABLE,
                    kind.sqlName().toLowerCase(java.util.Locale.ROOT) + " \"" + name.displayName()
                            + "\" does not exist");
        }
        Relation relation = found.get();
        if (relation.kind() != kind) {
            throw new SluiceException(
                    SqlState.WRONG_OBJECT_TYPE,
                    "\"" + name.displayName() + "\" is a "
                            + relation.kind().sqlName().toLowerCase(java.util.Locale.ROOT) + ", not a "
                            + kind.sqlName().toLowerCase(java.util.Locale.ROOT),
                    null,
                    "use DROP " + relation.kind().sqlName(),
                    0,
                    null);
        }
        List<Relation> dependents = s.dependents(name);
        if (!dependents.isEmpty() && !cascade) {
            String names = String.join(
                    ", ", dependents.stream().map(r -> r.name().displayName()).toList());
            throw new SluiceException(
                    SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                    "cannot drop " + kind.sqlName().toLowerCase(java.util.Locale.ROOT) + " \"" + name.displayName()
                            + "\" because other objects depend on it",
                    "depends on it: " + names,
                    "use DROP ... CASCADE to drop the dependent objects too",
                    0,
                    null);
        }
        return s.dependentsClosure(name);
    }
}
