package dev.sluice.planner.catalog;

import java.util.Objects;

/**
 * One entry of the catalog log, keyed by the object's name: the latest change per name wins on
 * replay, and a {@link Remove} is a tombstone.
 */
public sealed interface CatalogChange permits CatalogChange.Put, CatalogChange.Remove {
    QualifiedName name();

    /** Creates or replaces a relation. */
    record Put(Relation relation) implements CatalogChange {
        public Put {
            Objects.requireNonNull(relation, "relation");
        }

        @Override
        public QualifiedName name() {
            return relation.name();
        }
    }

    /** Drops a relation. */
    record Remove(QualifiedName name) implements CatalogChange {
        public Remove {
            Objects.requireNonNull(name, "name");
        }
    }
}
