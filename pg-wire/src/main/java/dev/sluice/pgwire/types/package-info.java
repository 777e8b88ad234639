/** PostgreSQL type OIDs and the text (format 0) and binary (format 1) codecs of every Sluice type. */
package dev.sluice.pgwire.types;
