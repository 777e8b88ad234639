/** COPY text and csv formats: parsing CopyData into records and formatting rows into lines. */
package dev.sluice.pgwire.copy;
