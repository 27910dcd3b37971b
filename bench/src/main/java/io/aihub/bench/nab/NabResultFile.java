package io.aihub.bench.nab;

/**
 * The columns of a NAB result file that scoring uses: timestamps (epoch milliseconds), values and anomaly scores, one
 * per row. The arrays are the reader's own; they are not copied.
 */
public record NabResultFile(long[] timestampMillis, double[] values, double[] anomalyScores) {

    public NabResultFile {
        if (timestampMillis.length != values.length || values.length != anomalyScores.length) {
            throw new IllegalArgumentException("result columns differ in length");
        }
    }

    public int size() {
        return timestampMillis.length;
    }
}
