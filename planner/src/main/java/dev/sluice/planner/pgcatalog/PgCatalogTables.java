package dev.sluice.planner.pgcatalog;

import dev.sluice.common.types.Column;
import dev.sluice.common.types.SqlType;
import dev.sluice.common.types.TypeKind;
import dev.sluice.planner.catalog.RelationKind;
import dev.sluice.planner.pgcatalog.CatalogView.Rel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code pg_catalog} relations, computed from a {@link CatalogView}: the ones psql's {@code \d}
 * family, pgjdbc's {@code DatabaseMetaData} and GUI tools read (see {@code reference/pgwire.md}
 * §2). Columns carry PostgreSQL 15's names; relations Sluice has nothing for (policies,
 * publications, triggers, ...) exist and are empty, so the clients' joins run.
 */
final class PgCatalogTables {
    static final String SCHEMA = "pg_catalog";

    private PgCatalogTables() {}

    static void addTo(SystemTables tables) {
        tables.add(SCHEMA, "pg_namespace", 2615, "oid:oid nspname:name nspowner:oid nspacl:aclitem[]", c -> {
            List<Object[]> rows = new ArrayList<>();
            c.catalog()
                    .namespaces()
                    .forEach((name, oid) -> rows.add(new Object[] {oid, name, CatalogView.OWNER_OID, null}));
            return rows;
        });
        tables.add(
                SCHEMA,
                "pg_class",
                1259,
                "oid:oid relname:name relnamespace:oid reltype:oid reloftype:oid relowner:oid relam:oid"
                        + " relfilenode:oid reltablespace:oid relpages:int4 reltuples:float4 relallvisible:int4"
                        + " reltoastrelid:oid relhasindex:bool relisshared:bool relpersistence:char relkind:char"
                        + " relnatts:int2 relchecks:int2 relhasrules:bool relhastriggers:bool relhassubclass:bool"
                        + " relrowsecurity:bool relforcerowsecurity:bool relispopulated:bool relreplident:char"
                        + " relispartition:bool relrewrite:oid relfrozenxid:xid relminmxid:xid relacl:aclitem[]"
                        + " reloptions:text[] relpartbound:text",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (Rel r : c.catalog().relations()) {
                        int ns = c.catalog().namespaceOid(r.schema());
                        int am = r.relkind() == 'v' ? 0 : CatalogView.HEAP_AM_OID;
                        rows.add(pgClass(
                                r.oid(),
                                r.name(),
                                ns,
                                am,
                                r.relkind(),
                                r.columns().size(),
                                !r.primaryKey().isEmpty(),
                                options(r)));
                        if (!r.primaryKey().isEmpty()) {
                            rows.add(pgClass(
                                    r.indexOid(),
                                    r.indexName(),
                                    ns,
                                    CatalogView.BTREE_AM_OID,
                                    'i',
                                    r.primaryKey().size(),
                                    false,
                                    null));
                        }
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "pg_attribute",
                1249,
                "attrelid:oid attname:name atttypid:oid attstattarget:int4 attlen:int2 attnum:int2 attndims:int4"
                        + " attcacheoff:int4 atttypmod:int4 attbyval:bool attalign:char attstorage:char"
                        + " attcompression:char attnotnull:bool atthasdef:bool atthasmissing:bool attidentity:char"
                        + " attgenerated:char attisdropped:bool attislocal:bool attinhcount:int4 attcollation:oid"
                        + " attacl:aclitem[] attoptions:text[] attfdwoptions:text[] attmissingval:text",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (Rel r : c.catalog().relations()) {
                        for (int i = 0; i < r.columns().size(); i++) {
                            rows.add(attribute(r.oid(), r.columns().get(i), i + 1));
                        }
                        List<String> key = r.primaryKey();
                        for (int i = 0; i < key.size(); i++) {
                            Column col = r.columns().get(r.attnum(key.get(i)) - 1);
                            rows.add(attribute(r.indexOid(), col, i + 1));
                        }
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "pg_type",
                1247,
                "oid:oid typname:name typnamespace:oid typowner:oid typlen:int2 typbyval:bool typtype:char"
                        + " typcategory:char typispreferred:bool typisdefined:bool typdelim:char typrelid:oid"
                        + " typsubscript:regproc typelem:oid typarray:oid typinput:regproc typoutput:regproc"
                        + " typreceive:regproc typsend:regproc typmodin:regproc typmodout:regproc"
                        + " typanalyze:regproc typalign:char typstorage:char typnotnull:bool typbasetype:oid"
                        + " typtypmod:int4 typndims:int4 typcollation:oid typdefaultbin:text typdefault:text"
                        + " typacl:aclitem[]",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (PgTypeRegistry.PgType t : PgTypeRegistry.all()) {
                        rows.add(new Object[] {
                            t.oid(),
                            t.name(),
                            CatalogView.PG_CATALOG_OID,
                            CatalogView.OWNER_OID,
                            t.length(),
                            t.byValue(),
                            t.typtype(),
                            t.category(),
                            false,
                            true,
                            ',',
                            0,
                            t.isArray() ? "array_subscript_handler" : "-",
                            t.elem(),
                            t.array(),
                            t.input(),
                            t.output(),
                            t.input().replace("in", "recv"),
                            t.output().replace("out", "send"),
                            "-",
                            "-",
                            "-",
                            t.align(),
                            t.length() == -1 ? 'x' : 'p',
                            false,
                            0,
                            -1,
                            0,
                            t.collation(),
                            null,
                            null,
                            null
                        });
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "pg_index",
                2610,
                "indexrelid:oid indrelid:oid indnatts:int2 indnkeyatts:int2 indisunique:bool"
                        + " indnullsnotdistinct:bool indisprimary:bool indisexclusion:bool indimmediate:bool"
                        + " indisclustered:bool indisvalid:bool indcheckxmin:bool indisready:bool indislive:bool"
                        + " indisreplident:bool indkey:int2vector indcollation:oidvector indclass:oidvector"
                        + " indoption:int2vector indexprs:text indpred:text",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (Rel r : c.catalog().relations()) {
                        List<String> key = r.primaryKey();
                        if (key.isEmpty()) {
                            continue;
                        }
                        rows.add(new Object[] {
                            r.indexOid(),
                            r.oid(),
                            key.size(),
                            key.size(),
                            true,
                            false,
                            true,
                            false,
                            true,
                            false,
                            true,
                            false,
                            true,
                            true,
                            false,
                            attnums(r, key),
                            zeros(key.size()),
                            zeros(key.size()),
                            zeros(key.size()),
                            null,
                            null
                        });
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "pg_constraint",
                2606,
                "oid:oid conname:name connamespace:oid contype:char condeferrable:bool condeferred:bool"
                        + " convalidated:bool conrelid:oid contypid:oid conindid:oid conparentid:oid confrelid:oid"
                        + " confupdtype:char confdeltype:char confmatchtype:char conislocal:bool coninhcount:int4"
                        + " connoinherit:bool conkey:int2[] confkey:int2[] conpfeqop:oid[] conppeqop:oid[]"
                        + " conffeqop:oid[] confdelsetcols:int2[] conexclop:oid[] conbin:text",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (Rel r : c.catalog().relations()) {
                        List<String> key = r.primaryKey();
                        if (key.isEmpty()) {
                            continue;
                        }
                        rows.add(new Object[] {
                            r.constraintOid(),
                            r.indexName(),
                            c.catalog().namespaceOid(r.schema()),
                            'p',
                            false,
                            false,
                            true,
                            r.oid(),
                            0,
                            r.indexOid(),
                            0,
                            0,
                            ' ',
                            ' ',
                            ' ',
                            true,
                            0,
                            true,
                            attnums(r, key),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null
                        });
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "pg_database",
                1262,
                "oid:oid datname:name datdba:oid encoding:int4 datlocprovider:char datistemplate:bool"
                        + " datallowconn:bool datconnlimit:int4 datfrozenxid:xid datminmxid:xid dattablespace:oid"
                        + " datcollate:text datctype:text daticulocale:text datcollversion:text datacl:aclitem[]",
                c -> List.<Object[]>of(new Object[] {
                    CatalogView.DATABASE_OID,
                    database(c),
                    CatalogView.OWNER_OID,
                    6,
                    'c',
                    false,
                    true,
                    -1,
                    0,
                    0,
                    1663,
                    "C.UTF-8",
                    "C.UTF-8",
                    null,
                    null,
                    null
                }));
        String roleColumns = "rolname:name rolsuper:bool rolinherit:bool rolcreaterole:bool rolcreatedb:bool"
                + " rolcanlogin:bool rolreplication:bool rolconnlimit:int4 rolpassword:text rolvaliduntil:tstz"
                + " rolbypassrls:bool rolconfig:text[] oid:oid";
        tables.add(SCHEMA, "pg_roles", 12_001, roleColumns, c -> {
            List<Object[]> rows = new ArrayList<>();
            for (Map.Entry<Integer, String> role : roles(c).entrySet()) {
                rows.add(new Object[] {
                    role.getValue(), true, true, true, true, true, true, -1, "********", null, true, null, role.getKey()
                });
            }
            return rows;
        });
        tables.add(
                SCHEMA,
                "pg_authid",
                1260,
                "oid:oid rolname:name rolsuper:bool rolinherit:bool rolcreaterole:bool rolcreatedb:bool"
                        + " rolcanlogin:bool rolreplication:bool rolbypassrls:bool rolconnlimit:int4 rolpassword:text"
                        + " rolvaliduntil:tstz",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (Map.Entry<Integer, String> role : roles(c).entrySet()) {
                        rows.add(new Object[] {
                            role.getKey(), role.getValue(), true, true, true, true, true, true, true, -1, null, null
                        });
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "pg_user",
                12_002,
                "usename:name usesysid:oid usecreatedb:bool usesuper:bool userepl:bool usebypassrls:bool"
                        + " passwd:text valuntil:tstz useconfig:text[]",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (Map.Entry<Integer, String> role : roles(c).entrySet()) {
                        rows.add(new Object[] {
                            role.getValue(), role.getKey(), true, true, true, true, "********", null, null
                        });
                    }
                    return rows;
                });
        tables.add(
                SCHEMA, "pg_auth_members", 1261, "roleid:oid member:oid grantor:oid admin_option:bool", c -> List.of());
        tables.add(
                SCHEMA,
                "pg_settings",
                12_003,
                "name:text setting:text unit:text category:text short_desc:text extra_desc:text context:text"
                        + " vartype:text source:text min_val:text max_val:text enumvals:text[] boot_val:text"
                        + " reset_val:text sourcefile:text sourceline:int4 pending_restart:bool",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    SessionContext s = c.session();
                    if (s == null) {
                        return rows;
                    }
                    java.util.TreeMap<String, String> all =
                            new java.util.TreeMap<>(s.system().serverSettings());
                    for (String name : s.settingNames()) {
                        String v = s.setting(name);
                        if (v != null) {
                            all.put(name, v);
                        }
                    }
                    all.forEach((name, value) -> rows.add(new Object[] {
                        name,
                        value,
                        null,
                        "Sluice",
                        "",
                        null,
                        "user",
                        vartype(value),
                        "session",
                        null,
                        null,
                        null,
                        value,
                        value,
                        null,
                        null,
                        false
                    }));
                    return rows;
                });
        tables.add(
                SCHEMA,
                "pg_description",
                2609,
                "objoid:oid classoid:oid objsubid:int4 description:text",
                c -> List.of());
        tables.add(SCHEMA, "pg_shdescription", 2396, "objoid:oid classoid:oid description:text", c -> List.of());
        tables.add(
                SCHEMA,
                "pg_am",
                2601,
                "oid:oid amname:name amhandler:regproc amtype:char",
                c -> List.of(
                        new Object[] {CatalogView.HEAP_AM_OID, "heap", "heap_tableam_handler", 't'},
                        new Object[] {CatalogView.BTREE_AM_OID, "btree", "bthandler", 'i'}));
        tables.add(SCHEMA, "pg_attrdef", 2604, "oid:oid adrelid:oid adnum:int2 adbin:text", c -> List.of());
        tables.add(
                SCHEMA,
                "pg_collation",
                3456,
                "oid:oid collname:name collnamespace:oid collowner:oid collprovider:char collisdeterministic:bool"
                        + " collencoding:int4 collcollate:text collctype:text colliculocale:text collversion:text",
                c -> List.of(
                        new Object[] {100, "default", 11, 10, 'd', true, -1, null, null, null, null},
                        new Object[] {950, "C", 11, 10, 'c', true, -1, "C", "C", null, null},
                        new Object[] {951, "POSIX", 11, 10, 'c', true, -1, "POSIX", "POSIX", null, null}));
        tables.add(
                SCHEMA,
                "pg_inherits",
                2611,
                "inhrelid:oid inhparent:oid inhseqno:int4 inhdetachpending:bool",
                c -> List.of());
        tables.add(
                SCHEMA,
                "pg_proc",
                1255,
                "oid:oid proname:name pronamespace:oid proowner:oid prolang:oid procost:float4 prorows:float4"
                        + " provariadic:oid prosupport:regproc prokind:char prosecdef:bool proleakproof:bool"
                        + " proisstrict:bool proretset:bool provolatile:char proparallel:char pronargs:int2"
                        + " pronargdefaults:int2 prorettype:oid proargtypes:oidvector proallargtypes:oid[]"
                        + " proargmodes:char[] proargnames:text[] proargdefaults:text protrftypes:oid[] prosrc:text"
                        + " probin:text prosqlbody:text proconfig:text[] proacl:aclitem[]",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    int oid = 20_000;
                    for (String name : PgFunctions.names()) {
                        rows.add(new Object[] {
                            oid++,
                            name,
                            CatalogView.PG_CATALOG_OID,
                            CatalogView.OWNER_OID,
                            12,
                            1f,
                            0f,
                            0,
                            "-",
                            'f',
                            false,
                            false,
                            false,
                            name.equals("generate_series") || name.equals("unnest"),
                            's',
                            's',
                            0,
                            0,
                            25,
                            List.of(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            name,
                            null,
                            null,
                            null,
                            null
                        });
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "pg_matviews",
                12_004,
                "schemaname:name matviewname:name matviewowner:name tablespace:name hasindexes:bool"
                        + " ispopulated:bool definition:text",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (Rel r : c.catalog().userRelations()) {
                        if (r.relation().kind() == RelationKind.MATERIALIZED_VIEW) {
                            rows.add(new Object[] {
                                r.schema(),
                                r.name(),
                                owner(c),
                                null,
                                false,
                                true,
                                r.relation().createSql()
                            });
                        }
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "pg_views",
                12_005,
                "schemaname:name viewname:name viewowner:name definition:text",
                c -> List.of());
        tables.add(
                SCHEMA,
                "pg_tables",
                12_006,
                "schemaname:name tablename:name tableowner:name tablespace:name hasindexes:bool hasrules:bool"
                        + " hastriggers:bool rowsecurity:bool",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (Rel r : c.catalog().userRelations()) {
                        if (r.relkind() == 'r') {
                            rows.add(new Object[] {
                                r.schema(),
                                r.name(),
                                owner(c),
                                null,
                                !r.primaryKey().isEmpty(),
                                false,
                                false,
                                false
                            });
                        }
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "pg_stat_activity",
                12_007,
                "datid:oid datname:name pid:int4 leader_pid:int4 usesysid:oid usename:name application_name:text"
                        + " client_addr:text client_hostname:text client_port:int4 backend_start:tstz"
                        + " xact_start:tstz query_start:tstz state_change:tstz wait_event_type:text"
                        + " wait_event:text state:text backend_xid:xid backend_xmin:xid query_id:int8 query:text"
                        + " backend_type:text",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    if (c.session() == null) {
                        return rows;
                    }
                    for (SystemInfo.SessionActivity a : c.session().system().sessions()) {
                        rows.add(new Object[] {
                            CatalogView.DATABASE_OID,
                            a.database(),
                            a.processId(),
                            null,
                            CatalogView.OWNER_OID,
                            a.user(),
                            a.applicationName(),
                            a.clientAddress(),
                            null,
                            a.clientPort(),
                            a.backendStart(),
                            a.queryStart(),
                            a.queryStart(),
                            a.queryStart(),
                            null,
                            null,
                            a.state(),
                            null,
                            null,
                            null,
                            a.query(),
                            "client backend"
                        });
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "pg_extension",
                3079,
                "oid:oid extname:name extowner:oid extnamespace:oid extrelocatable:bool extversion:text"
                        + " extconfig:oid[] extcondition:text[]",
                c -> List.of());
        tables.add(
                SCHEMA,
                "pg_tablespace",
                1213,
                "oid:oid spcname:name spcowner:oid spcacl:aclitem[] spcoptions:text[]",
                c -> List.of(
                        new Object[] {1663, "pg_default", 10, null, null},
                        new Object[] {1664, "pg_global", 10, null, null}));
        tables.add(
                SCHEMA,
                "pg_language",
                2612,
                "oid:oid lanname:name lanowner:oid lanispl:bool lanpltrusted:bool lanplcallfoid:oid"
                        + " laninline:oid lanvalidator:oid lanacl:aclitem[]",
                c -> List.of(
                        new Object[] {12, "internal", 10, false, false, 0, 0, 0, null},
                        new Object[] {14, "sql", 10, false, true, 0, 0, 0, null}));
        // Relations Sluice has nothing for: present and empty, so the clients' joins run.
        tables.add(
                SCHEMA,
                "pg_policy",
                3256,
                "oid:oid polname:name polrelid:oid polcmd:char polpermissive:bool polroles:oid[] polqual:text"
                        + " polwithcheck:text",
                c -> List.of());
        tables.add(
                SCHEMA,
                "pg_statistic_ext",
                3381,
                "oid:oid stxrelid:oid stxname:name stxnamespace:oid stxowner:oid stxstattarget:int4"
                        + " stxkeys:int2vector stxkind:char[] stxexprs:text",
                c -> List.of());
        tables.add(
                SCHEMA,
                "pg_publication",
                6104,
                "oid:oid pubname:name pubowner:oid puballtables:bool pubinsert:bool pubupdate:bool"
                        + " pubdelete:bool pubtruncate:bool pubviaroot:bool",
                c -> List.of());
        tables.add(
                SCHEMA,
                "pg_publication_rel",
                6106,
                "oid:oid prpubid:oid prrelid:oid prqual:text prattrs:int2vector",
                c -> List.of());
        tables.add(SCHEMA, "pg_publication_namespace", 6237, "oid:oid pnpubid:oid pnnspid:oid", c -> List.of());
        tables.add(
                SCHEMA,
                "pg_depend",
                2608,
                "classid:oid objid:oid objsubid:int4 refclassid:oid refobjid:oid refobjsubid:int4 deptype:char",
                c -> List.of());
        tables.add(
                SCHEMA,
                "pg_trigger",
                2620,
                "oid:oid tgrelid:oid tgparentid:oid tgname:name tgfoid:oid tgtype:int2 tgenabled:char"
                        + " tgisinternal:bool tgconstrrelid:oid tgconstrindid:oid tgconstraint:oid"
                        + " tgdeferrable:bool tginitdeferred:bool tgnargs:int2 tgattr:int2vector tgargs:text"
                        + " tgqual:text tgoldtable:name tgnewtable:name",
                c -> List.of());
        tables.add(
                SCHEMA,
                "pg_rewrite",
                2618,
                "oid:oid rulename:name ev_class:oid ev_type:char ev_enabled:char is_instead:bool ev_qual:text"
                        + " ev_action:text",
                c -> List.of());
        tables.add(SCHEMA, "pg_foreign_table", 3118, "ftrelid:oid ftserver:oid ftoptions:text[]", c -> List.of());
        tables.add(
                SCHEMA,
                "pg_partitioned_table",
                3350,
                "partrelid:oid partstrat:char partnatts:int2 partdefid:oid partattrs:int2vector"
                        + " partclass:oidvector partcollation:oidvector partexprs:text",
                c -> List.of());
        tables.add(
                SCHEMA,
                "pg_sequence",
                2224,
                "seqrelid:oid seqtypid:oid seqstart:int8 seqincrement:int8 seqmax:int8 seqmin:int8 seqcache:int8"
                        + " seqcycle:bool",
                c -> List.of());
        tables.add(
                SCHEMA, "pg_enum", 3501, "oid:oid enumtypid:oid enumsortorder:float4 enumlabel:name", c -> List.of());
        tables.add(
                SCHEMA,
                "pg_event_trigger",
                3466,
                "oid:oid evtname:name evtevent:name evtowner:oid evtfoid:oid evtenabled:char evttags:text[]",
                c -> List.of());
        tables.add(
                SCHEMA,
                "pg_opclass",
                2616,
                "oid:oid opcmethod:oid opcname:name opcnamespace:oid opcowner:oid opcfamily:oid opcintype:oid"
                        + " opcdefault:bool opckeytype:oid",
                c -> List.of());
        tables.add(
                SCHEMA,
                "pg_operator",
                2617,
                "oid:oid oprname:name oprnamespace:oid oprowner:oid oprkind:char oprcanmerge:bool"
                        + " oprcanhash:bool oprleft:oid oprright:oid oprresult:oid oprcom:oid oprnegate:oid"
                        + " oprcode:regproc oprrest:regproc oprjoin:regproc",
                c -> List.of());
        tables.add(
                SCHEMA,
                "pg_cast",
                2605,
                "oid:oid castsource:oid casttarget:oid castfunc:oid castcontext:char castmethod:char",
                c -> List.of());
        tables.add(
                SCHEMA,
                "pg_get_keywords",
                12_009,
                "word:text catcode:char barelabel:bool catdesc:text baredesc:text",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (String w : new java.util.TreeSet<>(CatalogView.Keywords.reserved())) {
                        rows.add(new Object[] {w, 'R', true, "reserved", "can be bare label"});
                    }
                    return rows;
                });
        tables.add(
                SCHEMA,
                "pg_stat_user_tables",
                12_008,
                "relid:oid schemaname:name relname:name seq_scan:int8 n_live_tup:int8",
                c -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (Rel r : c.catalog().userRelations()) {
                        rows.add(new Object[] {r.oid(), r.schema(), r.name(), 0L, 0L});
                    }
                    return rows;
                });
    }

    private static Object[] pgClass(
            int oid, String name, int ns, int am, char relkind, int natts, boolean hasIndex, List<String> options) {
        return new Object[] {
            oid,
            name,
            ns,
            0,
            0,
            CatalogView.OWNER_OID,
            am,
            relkind == 'v' ? 0 : oid,
            0,
            0,
            -1f,
            0,
            0,
            hasIndex,
            false,
            'p',
            relkind,
            natts,
            0,
            false,
            false,
            false,
            false,
            false,
            true,
            'd',
            false,
            0,
            0,
            0,
            null,
            options,
            null
        };
    }

    private static Object[] attribute(int relOid, Column c, int attnum) {
        SqlType t = c.type();
        boolean text = t.kind() == TypeKind.VARCHAR || t.kind() == TypeKind.TEXT;
        boolean byValue = t.typlen() > 0 && t.typlen() <= 8 && t.kind() != TypeKind.INTERVAL;
        return new Object[] {
            relOid,
            c.name(),
            t.oid(),
            -1,
            t.typlen(),
            attnum,
            t.kind() == TypeKind.ARRAY ? 1 : 0,
            -1,
            t.typmod(),
            byValue,
            t.typlen() == 8 ? 'd' : 'i',
            t.typlen() == -1 ? 'x' : 'p',
            "",
            !c.nullable(),
            false,
            false,
            "",
            "",
            false,
            true,
            0,
            text ? 100 : 0,
            null,
            null,
            null,
            null
        };
    }

    private static List<String> options(Rel r) {
        if (r.relation() == null || r.relation().properties().isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        new java.util.TreeMap<>(r.relation().properties()).forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    private static List<Short> attnums(Rel r, List<String> key) {
        List<Short> out = new ArrayList<>();
        key.forEach(k -> out.add((short) r.attnum(k)));
        return out;
    }

    private static List<Integer> zeros(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(0);
        }
        return out;
    }

    static String database(SystemTable.SystemContext c) {
        return c.session() == null ? "sluice" : c.session().database();
    }

    static String owner(SystemTable.SystemContext c) {
        return PgRuntime.OWNER_NAME;
    }

    /** Role OID to name: the owner of every object, and the session's user if it is someone else. */
    static Map<Integer, String> roles(SystemTable.SystemContext c) {
        Map<Integer, String> roles = new java.util.LinkedHashMap<>();
        roles.put(CatalogView.OWNER_OID, PgRuntime.OWNER_NAME);
        if (c.session() != null && !c.session().user().equals(PgRuntime.OWNER_NAME)) {
            roles.put(PgRuntime.roleOid(c.session().user()), c.session().user());
        }
        return roles;
    }

    private static String vartype(String value) {
        if (value.equals("on") || value.equals("off")) {
            return "bool";
        }
        return value.matches("-?\\d+") ? "integer" : "string";
    }
}
