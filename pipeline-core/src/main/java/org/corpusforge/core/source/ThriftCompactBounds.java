package org.corpusforge.core.source;

import java.io.IOException;

/**
 * Walks one Thrift compact-protocol struct (a Parquet footer) without building it, checking that everything it claims
 * fits the bytes it came in: no list, set, map or string longer than the bytes left, no nesting deeper than
 * {@link #MAX_DEPTH}. Thrift's own reader allocates a list of structs at its claimed size before reading it (a
 * 200-byte footer claiming two billion row groups asks for a 16 GB array) and recurses once per level of nesting, so a
 * footer is walked here first and only then handed to it.
 */
final class ThriftCompactBounds {
    /** Deeper than any Parquet metadata nests (a footer's structs nest five levels, a schema is a flat list). */
    static final int MAX_DEPTH = 64;

    private final byte[] bytes;
    private final int end;
    private int at;

    private ThriftCompactBounds(byte[] bytes, int offset, int end) {
        this.bytes = bytes;
        this.at = offset;
        this.end = end;
    }

    /** The length of the struct at {@code offset}, which must end by {@code end}; an IOException saying what lies. */
    static int structLength(byte[] bytes, int offset, int end) throws IOException {
        ThriftCompactBounds walk = new ThriftCompactBounds(bytes, offset, end);
        walk.struct(1);
        return walk.at - offset;
    }

    private void struct(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("metadata nests deeper than " + MAX_DEPTH + " levels");
        }
        while (true) {
            int header = next();
            int type = header & 0x0F;
            if (type == 0) {
                return;
            }
            if ((header & 0xF0) == 0) {
                varint(); // a field id that is not a small step from the last
            }
            if (type != 1 && type != 2) { // a boolean field's value is its type
                value(type, depth);
            }
        }
    }

    private void value(int type, int depth) throws IOException {
        switch (type) {
            case 1, 2, 3 -> skip(1); // a boolean inside a list, a byte
            case 4, 5, 6 -> varint();
            case 7 -> skip(8);
            case 8 -> skip(size(varint(), "a string"));
            case 9, 10 -> {
                int header = next();
                long size = header >>> 4 == 15 ? varint() : header >>> 4;
                long count = size(size, "a list");
                for (long i = 0; i < count; i++) {
                    value(header & 0x0F, depth + 1);
                }
            }
            case 11 -> {
                long count = size(varint(), "a map");
                if (count > 0) {
                    int types = next();
                    for (long i = 0; i < count; i++) {
                        value(types >>> 4, depth + 1);
                        value(types & 0x0F, depth + 1);
                    }
                }
            }
            case 12 -> struct(depth + 1);
            case 13 -> skip(16);
            default -> throw new IOException("metadata holds an unknown Thrift type " + type + " at byte " + at);
        }
    }

    /** A claimed count of entries or bytes, each of which takes at least one byte. */
    private long size(long claimed, String what) throws IOException {
        if (claimed < 0 || claimed > end - at) {
            throw new IOException("metadata claims " + what + " of " + Long.toUnsignedString(claimed) + " entries in "
                    + (end - at) + " bytes");
        }
        return claimed;
    }

    private void skip(long n) throws IOException {
        if (n > end - at) {
            throw new IOException("metadata ends inside a value at byte " + at);
        }
        at += (int) n;
    }

    private int next() throws IOException {
        if (at >= end) {
            throw new IOException("metadata ends inside a struct at byte " + at);
        }
        return bytes[at++] & 0xFF;
    }

    private long varint() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = next();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("metadata holds a varint longer than 10 bytes at byte " + at);
    }
}
