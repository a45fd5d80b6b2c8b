package org.corpusforge.jobs;

import java.util.Iterator;
import java.util.function.Function;

/** An iterator whose elements pass through a function as they are taken: lazy, one at a time, nothing held. */
final class MappedIterator<A, B> implements Iterator<B> {
    private final Iterator<A> source;
    private final Function<A, B> function;

    private MappedIterator(Iterator<A> source, Function<A, B> function) {
        this.source = source;
        this.function = function;
    }

    static <A, B> Iterator<B> map(Iterator<A> source, Function<A, B> function) {
        return new MappedIterator<>(source, function);
    }

    /** The same elements, each handed to {@code action} as it is taken. */
    static <A> Iterator<A> peek(Iterator<A> source, java.util.function.Consumer<A> action) {
        return new MappedIterator<>(source, a -> {
            action.accept(a);
            return a;
        });
    }

    @Override
    public boolean hasNext() {
        return source.hasNext();
    }

    @Override
    public B next() {
        return function.apply(source.next());
    }
}
