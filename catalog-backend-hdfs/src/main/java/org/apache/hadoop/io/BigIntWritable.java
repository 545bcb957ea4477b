package org.apache.hadoop.io;

import java.math.BigInteger;

/**
 * The MapFile key of GeoTrellis's Hadoop layout: a record's index as {@link BigInteger#toByteArray()}
 * (big-endian two's complement, shortest form), ordered as the integers it holds. GeoTrellis names
 * this class, in this package, in every SequenceFile header it writes, so a reader of its catalogs
 * needs a class of exactly this name, and GeoTrellis reads ours only if we write the same name.
 */
public final class BigIntWritable extends BytesWritable {

    static {
        WritableComparator.define(BigIntWritable.class, new Comparator());
    }

    /** An empty key, for readers to fill. */
    public BigIntWritable() {
        super();
    }

    /** The key of {@code index}. */
    public BigIntWritable(long index) {
        super(BigInteger.valueOf(index).toByteArray());
    }

    /**
     * The index this key holds.
     *
     * @throws ArithmeticException when it does not fit a long (GeoTrellis's indexes always do)
     */
    public long index() {
        return value(getBytes(), getLength()).longValueExact();
    }

    private static BigInteger value(byte[] bytes, int length) {
        return length == 0 ? BigInteger.ZERO : new BigInteger(bytes, 0, length);
    }

    @Override
    public int compareTo(BinaryComparable other) {
        return value(getBytes(), getLength()).compareTo(value(other.getBytes(), other.getLength()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BigIntWritable && super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    /** Compares serialized keys (a 4-byte length, then the bytes) as integers, without building objects. */
    public static final class Comparator extends WritableComparator {

        public Comparator() {
            super(BigIntWritable.class);
        }

        @Override
        public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
            int n1 = readInt(b1, s1);
            int n2 = readInt(b2, s2);
            BigInteger a = n1 == 0 ? BigInteger.ZERO : new BigInteger(b1, s1 + 4, n1);
            BigInteger b = n2 == 0 ? BigInteger.ZERO : new BigInteger(b2, s2 + 4, n2);
            return a.compareTo(b);
        }
    }
}
