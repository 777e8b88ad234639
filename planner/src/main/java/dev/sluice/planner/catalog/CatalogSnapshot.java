package dev.sluice.planner.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable view of the catalog at one moment. Planning a statement uses one snapshot from start
 * to end, so a concurrent DDL never changes what it sees half way.
 */
public final class CatalogSnapshot {
    public static final CatalogSnapshot EMPTY = new CatalogSnapshot(Map.of(), 0);

    private final Map<QualifiedName, Relation> relations;
    private final long version;

    CatalogSnapshot(Map<QualifiedName, Relation> relations, long version) {
        this.relations = Collections.unmodifiableMap(new TreeMap<>(relations));
        this.version = version;
    }

    /** Increases with every applied change; lets caches tell whether the catalog moved. */
    public long version() {
        return version;
    }

    public Optional<Relation> find(QualifiedName name) {
        return Optional.ofNullable(relations.get(name));
    }

    /** All relations, ordered by name. */
    public Collection<Relation> relations() {
        return relations.values();
    }

    public List<Relation> relations(RelationKind kind) {
        return relations.values().stream().filter(r -> r.kind() == kind).toList();
    }

    /** The relations whose queries read {@code name} directly. */
    public List<Relation> dependents(QualifiedName name) {
        return relations.values().stream()
                .filter(r -> r.dependsOn().contains(name))
                .toList();
    }

    /**
     * {@code name} and everything that depends on it, transitively, ordered so that dependents come
     * before what they depend on (the order DROP ... CASCADE removes them in).
     */
    public List<Relation> dependentsClosure(QualifiedName name) {
        List<Relation> out = new ArrayList<>();
        collect(name, out);
        return out;
    }

    private void collect(QualifiedName name, List<Relation> out) {
        for (Relation dependent : dependents(name)) {
            collect(dependent.name(), out);
        }
        find(name).filter(r -> !out.contains(r)).ifPresent(out::add);
    }

    /** The set of schema names in use, always including {@code public}. */
    public List<String> schemas() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        names.add(QualifiedName.DEFAULT_SCHEMA);
        relations.keySet().forEach(n -> names.add(n.schema()));
        return List.copyOf(names);
    }

    /** The highest oid in use, so that new objects get fresh ones after a replay. */
    long maxOid() {
        return relations.values().stream().mapToLong(Relation::oid).max().orElse(0);
    }

    CatalogSnapshot apply(CatalogChange change) {
        Map<QualifiedName, Relation> next = new TreeMap<>(relations);
        if (change instanceof CatalogChange.Put put) {
            next.put(put.name(), put.relation());
        } else {
            next.remove(change.name());
        }
        return new CatalogSnapshot(next, version + 1);
    }
}
