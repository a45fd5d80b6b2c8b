package org.corpusforge.jobs.io;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.TokenizedDocument;

/** Writes documents as rows of {@link DocumentSchema}, straight from the objects, without a row format. */
final class DocumentWriteSupport extends WriteSupport<TokenizedDocument> {
    private final boolean withTokenIds;
    private final Manifest.ShardSchema fields;
    private RecordConsumer out;

    DocumentWriteSupport(boolean withTokenIds, Manifest.ShardSchema fields) {
        this.withTokenIds = withTokenIds;
        this.fields = fields;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        // no run id or time here: the footer must be the same for the same rows
        return new WriteContext(DocumentSchema.schema(withTokenIds, fields),
                Map.of(DocumentSchema.FOOTER_KEY, DocumentSchema.VERSION));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(TokenizedDocument row) {
        Document doc = row.document();
        Metadata meta = doc.metadata();
        if (doc.provenance().sourceSha256() == null) {
            throw new IllegalStateException(doc.id() + ": no checksum of " + doc.provenance().sourceUri());
        }
        out.startMessage();
        int i = 0;
        string(DocumentSchema.ID, i++, doc.id());
        string(DocumentSchema.TEXT, i++, doc.text());
        string(DocumentSchema.SOURCE, i++, doc.source().label());
        string(DocumentSchema.SOURCE_URI, i++, doc.provenance().sourceUri());
        string(DocumentSchema.SOURCE_LOCATOR, i++, doc.provenance().locator());
        string(DocumentSchema.SOURCE_SHA256, i++, doc.provenance().sourceSha256());
        string(DocumentSchema.TITLE, i++, meta.title());
        string(DocumentSchema.URL, i++, meta.url());
        string(DocumentSchema.DATE, i++, meta.date());
        string(DocumentSchema.LICENSE, i++, meta.license());
        if (!fields.attributes().isEmpty()) {
            struct(DocumentSchema.ATTRIBUTES, i++, fields.attributes(), meta.attributes());
        }
        string(DocumentSchema.CONTENT_SHA256, i++, doc.contentSha256());
        if (!fields.signals().isEmpty()) {
            struct(DocumentSchema.SIGNALS, i++, fields.signals(), doc.signals());
        }
        if (row.tokenized()) {
            out.startField(DocumentSchema.TOKEN_COUNT, i);
            out.addLong(row.tokenCount());
            out.endField(DocumentSchema.TOKEN_COUNT, i);
        }
        i++;
        if (withTokenIds) {
            ids(DocumentSchema.TOKEN_IDS, i, row.tokenIds());
        }
        out.endMessage();
    }

    /** A standard three-level Parquet LIST, as Spark, pandas and DuckDB read it. */
    private void ids(String field, int index, int[] ids) {
        if (ids == null) {
            throw new IllegalStateException("token_ids requested but the document's ids were not kept");
        }
        out.startField(field, index);
        out.startGroup();
        if (ids.length > 0) {
            out.startField("list", 0);
            for (int id : ids) {
                out.startGroup();
                out.startField("element", 0);
                out.addInteger(id);
                out.endField("element", 0);
                out.endGroup();
            }
            out.endField("list", 0);
        }
        out.endGroup();
        out.endField(field, index);
    }

    private void string(String field, int index, String value) {
        if (value == null) {
            return;
        }
        out.startField(field, index);
        out.addBinary(Binary.fromString(value));
        out.endField(field, index);
    }

    /** The struct's fields in schema order; a name the document lacks stays null. Values are String or Double. */
    private void struct(String field, int index, List<String> names, Map<String, ?> values) {
        out.startField(field, index);
        out.startGroup();
        for (int f = 0; f < names.size(); f++) {
            Object value = values.get(names.get(f));
            if (value == null) {
                continue;
            }
            out.startField(names.get(f), f);
            if (value instanceof Double d) {
                out.addDouble(d);
            } else {
                out.addBinary(Binary.fromString((String) value));
            }
            out.endField(names.get(f), f);
        }
        out.endGroup();
        out.endField(field, index);
    }
}
