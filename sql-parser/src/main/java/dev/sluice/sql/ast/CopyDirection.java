package dev.sluice.sql.ast;

/** Direction of a {@link Copy}: into Sluice from the client, or out to it. */
public enum CopyDirection {
    FROM_STDIN,
    TO_STDOUT
}
