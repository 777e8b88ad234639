/**
 * The planner: Sluice's catalog as a Calcite schema; AST to SqlNode, validation, RelNode, rewrite phases, the streaming physical plan and its changelog modes.
 */
package dev.sluice.planner;
