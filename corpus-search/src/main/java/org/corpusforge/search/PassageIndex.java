package org.corpusforge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.NoLockFactory;

/**
 * The passage indexes of all of a corpus's shards searched as one (a {@link MultiReader}, so BM25's document
 * frequencies and average length are the whole corpus's, as if it were one index). A query is the bag of its terms:
 * each distinct term one optional clause, weighted by how often the query says it, so a model's whole answer is a
 * query. Hits come in score order, ties in shard, row and passage order.
 */
public final class PassageIndex implements AutoCloseable {
    /** Lucene's limit on a query's clauses; a longer query keeps its first distinct terms. */
    public static final int MAX_TERMS = IndexSearcher.getMaxClauseCount();

    private final List<DirectoryReader> shards;
    private final List<org.apache.lucene.store.Directory> directories = new ArrayList<>();
    private final MultiReader reader;
    private final IndexSearcher searcher;
    private final long[] docBase;
    private final Analyzer analyzer = PassageAnalysis.analyzer();

    private PassageIndex(List<DirectoryReader> shards) throws IOException {
        this.shards = shards;
        this.reader = new MultiReader(shards.toArray(new IndexReader[0]), false);
        this.searcher = new IndexSearcher(reader);
        this.docBase = new long[shards.size() + 1];
        for (int i = 0; i < shards.size(); i++) {
            docBase[i + 1] = docBase[i] + shards.get(i).maxDoc();
        }
    }

    /** One index directory per shard, in shard order. */
    public static PassageIndex open(List<Path> directories) throws IOException {
        List<org.apache.lucene.store.Directory> opened = new ArrayList<>();
        for (Path dir : directories) {
            opened.add(new MMapDirectory(dir, NoLockFactory.INSTANCE));
        }
        return openDirectories(opened);
    }

    /** One packed index file ({@link PassageFiles}) per shard, in shard order. */
    public static PassageIndex openPacked(List<Path> files) throws IOException {
        List<org.apache.lucene.store.Directory> opened = new ArrayList<>();
        try {
            for (Path f : files) {
                opened.add(PassageFiles.open(f));
            }
        } catch (IOException | RuntimeException e) {
            for (org.apache.lucene.store.Directory d : opened) {
                d.close();
            }
            throw e;
        }
        return openDirectories(opened);
    }

    private static PassageIndex openDirectories(List<org.apache.lucene.store.Directory> directories) throws IOException {
        List<DirectoryReader> readers = new ArrayList<>();
        try {
            for (org.apache.lucene.store.Directory dir : directories) {
                readers.add(DirectoryReader.open(dir));
            }
            PassageIndex index = new PassageIndex(readers);
            index.directories.addAll(directories);
            return index;
        } catch (IOException | RuntimeException e) {
            for (DirectoryReader r : readers) {
                r.close();
            }
            for (org.apache.lucene.store.Directory d : directories) {
                d.close();
            }
            throw e;
        }
    }

    /** A passage found: its shard, its document's row there, its characters {@code [start, end)}, its BM25 score. */
    public record Hit(int shard, long row, int start, int end, float score) {}

    public long passages() {
        return reader.numDocs();
    }

    /** The query for a (normalised) text; null when it has no terms. */
    public Query query(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String term : PassageAnalysis.terms(analyzer, text)) {
            if (counts.size() < MAX_TERMS || counts.containsKey(term)) {
                counts.merge(term, 1, Integer::sum);
            }
        }
        if (counts.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        counts.forEach((term, n) -> {
            Query q = new TermQuery(new Term(PassageAnalysis.FIELD, term));
            query.add(n == 1 ? q : new BoostQuery(q, n), BooleanClause.Occur.SHOULD);
        });
        return query.build();
    }

    /** The top {@code k} passages for a (normalised) text; none when it has no terms. */
    public List<Hit> search(String text, int k) {
        Query query = query(text);
        if (query == null) {
            return List.of();
        }
        try {
            return hits(searcher.search(query, k).scoreDocs, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How many candidates each shard's HNSW search keeps at least (its beam, HNSW's ef): Lucene's query takes
     * {@code k} for it, and at k = 10 the graph's recall against an exact scan was 0.55 on a BERT-base-shaped model's
     * vectors (BENCHMARKS.md section 17); the best {@code k} of the candidates are returned.
     */
    public static final int MIN_CANDIDATES = 100;

    /**
     * The {@code k} passages whose vectors are nearest a query's (Lucene's HNSW graph of each shard, searched with a
     * beam of at least {@link #MIN_CANDIDATES}, the best {@code k} of all shards); each hit's score is the cosine of
     * the two vectors.
     */
    public List<Hit> similar(float[] vector, int k) {
        try {
            int candidates = Math.max(k, MIN_CANDIDATES);
            ScoreDoc[] top = searcher.search(new KnnFloatVectorQuery(PassageIndexBuilder.VECTOR, vector, candidates),
                    k).scoreDocs;
            return hits(top, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code k} passages nearest a vector by an exact scan of every stored vector (the HNSW graph's answer is
     * approximate): the reference its recall is measured against, and {@code similar --exact}. Ties in shard, row
     * and passage order.
     */
    public List<Hit> exactNearest(float[] vector, int k) {
        try {
            java.util.PriorityQueue<ScoreDoc> best = new java.util.PriorityQueue<>(
                    java.util.Comparator.comparingDouble((ScoreDoc d) -> d.score).thenComparing(d -> -d.doc));
            for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
                org.apache.lucene.index.FloatVectorValues values = leaf.reader().getFloatVectorValues(
                        PassageIndexBuilder.VECTOR);
                if (values == null) {
                    continue;
                }
                org.apache.lucene.index.VectorSimilarityFunction similarity = leaf.reader().getFieldInfos()
                        .fieldInfo(PassageIndexBuilder.VECTOR).getVectorSimilarityFunction();
                for (int doc = values.nextDoc(); doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                     doc = values.nextDoc()) {
                    best.add(new ScoreDoc(leaf.docBase + doc, similarity.compare(vector, values.vectorValue())));
                    if (best.size() > k) {
                        best.poll();
                    }
                }
            }
            List<ScoreDoc> sorted = new ArrayList<>(best);
            sorted.sort(java.util.Comparator.comparingDouble((ScoreDoc d) -> -d.score).thenComparingInt(d -> d.doc));
            return hits(sorted.toArray(new ScoreDoc[0]), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Hit> hits(ScoreDoc[] top, boolean vectorScore) throws IOException {
        StoredFields stored = reader.storedFields();
        List<Hit> hits = new ArrayList<>();
        for (ScoreDoc d : top) {
            Document doc = stored.document(d.doc);
            // Lucene scores a vector hit (1 + cosine) / 2
            float score = vectorScore ? 2 * d.score - 1 : d.score;
            hits.add(new Hit(shardOf(d.doc), doc.getField(PassageIndexBuilder.ROW).numericValue().longValue(),
                    doc.getField(PassageIndexBuilder.START).numericValue().intValue(),
                    doc.getField(PassageIndexBuilder.END).numericValue().intValue(), score));
        }
        return hits;
    }

    private int shardOf(int doc) {
        int i = java.util.Arrays.binarySearch(docBase, doc);
        // an exact hit on a base is that shard's first document; skip shards without any
        if (i >= 0) {
            while (i + 1 < docBase.length && docBase[i + 1] == doc) {
                i++;
            }
            return i;
        }
        return -i - 2;
    }

    @Override
    public void close() throws IOException {
        reader.close();
        for (DirectoryReader r : shards) {
            r.close();
        }
        for (org.apache.lucene.store.Directory d : directories) {
            d.close();
        }
    }
}
