package io.liqopt.store;

import io.liqopt.core.market.BarSeries;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * The write side of {@link ParquetBarFile}: parquet-mr's writer fed with row indices, each row
 * written straight from the series' columns (no row objects).
 */
final class BarWriteSupport extends WriteSupport<Integer> {
  private final BarSeries s;
  private final Map<String, String> meta;
  private RecordConsumer rc;

  BarWriteSupport(BarSeries s, Map<String, String> meta) {
    this.s = s;
    this.meta = meta;
  }

  @Override
  @SuppressWarnings("deprecation") // abstract in parquet-mr: must be implemented
  public WriteContext init(Configuration configuration) {
    return new WriteContext(ParquetBarFile.SCHEMA, meta);
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(ParquetBarFile.SCHEMA, meta);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.rc = recordConsumer;
  }

  @Override
  public void write(Integer row) {
    int i = row;
    rc.startMessage();
    rc.startField("ts", 0);
    rc.addLong(s.openTimeMs(i));
    rc.endField("ts", 0);
    field("open", 1, s.open(i));
    field("high", 2, s.high(i));
    field("low", 3, s.low(i));
    field("close", 4, s.close(i));
    field("volume", 5, s.volume(i));
    field("quote_volume", 6, s.quoteVolume(i));
    rc.endMessage();
  }

  private void field(String name, int index, double v) {
    rc.startField(name, index);
    rc.addDouble(v);
    rc.endField(name, index);
  }

  /** Builds a writer of row indices of {@code series} with this write support. */
  static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
    private final BarSeries series;
    private final Map<String, String> meta;

    Builder(OutputFile out, BarSeries series, Map<String, String> meta) {
      super(out);
      this.series = series;
      this.meta = meta;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    @SuppressWarnings("deprecation") // abstract in parquet-mr: must be implemented
    protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
      return new BarWriteSupport(series, meta);
    }

    @Override
    protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
      return new BarWriteSupport(series, meta);
    }
  }
}
