package org.apache.calcite.interpreter;

import org.apache.calcite.DataContext;

/**
 * Creates the {@link Context} that scalars compiled by {@link JaninoRexCompiler} read their input row
 * from. Calcite keeps the constructor package-private (it only uses the compiler inside its own
 * interpreter), so Sluice's continuous operators reach it through this class in the same package.
 * Checked on every Calcite upgrade by {@code ExpressionCompilerTest}.
 */
public final class SluiceContexts {
    private SluiceContexts() {}

    public static Context create(DataContext root) {
        return new Context(root);
    }
}
