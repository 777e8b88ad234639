package dev.sluice.logengine.storage;

/**
 * An offset together with where it sits on disk: the base offset of its segment and the byte position
 * in it. The high watermark carries this so a reader can stop at a byte, not only at an offset, and
 * never parses a batch that is still being written.
 */
record LogOffsetMetadata(long offset, long segmentBaseOffset, int position) {}
