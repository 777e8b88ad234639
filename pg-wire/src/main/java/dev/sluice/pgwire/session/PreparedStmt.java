package dev.sluice.pgwire.session;

import dev.sluice.pgwire.engine.PreparedStatementInfo;

/**
 * A statement created by Parse.
 *
 * @param clientOids the parameter type OIDs the client declared (may be shorter than the
 *     parameters, entries may be 0)
 */
record PreparedStmt(String name, String sql, int[] clientOids, PreparedStatementInfo info) {
    /** The OID of parameter {@code i} as ParameterDescription reports it and Bind decodes it. */
    int parameterOid(int i) {
        if (i < clientOids.length && clientOids[i] != 0) {
            return clientOids[i];
        }
        return info.parameterTypes().get(i).oid();
    }

    int[] parameterOids() {
        int[] oids = new int[info.parameterTypes().size()];
        for (int i = 0; i < oids.length; i++) {
            oids[i] = parameterOid(i);
        }
        return oids;
    }
}
