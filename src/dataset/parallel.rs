//! Work spread over the machine's cores for the costly steps of loading a
//! large dataset (parsing the source files, finding each quote in its
//! source's text, hashing files, reading cache entries), and for ingest's
//! index of a large dataset's quotes. Scoped threads of the standard library rather than rayon:
//! two fixed splits of a list do not need a work-stealing pool, and the
//! programs stay smaller.

use std::thread;

/// `f` applied to every item, in order, on up to one thread per core. A
/// short list (or a one-core machine) is done on the calling thread.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || items.len() < 64 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order_of_long_and_short_lists() {
        let long: Vec<u32> = (0..1000).collect();
        assert_eq!(
            super::map(&long, |n| n * 2),
            long.iter().map(|n| n * 2).collect::<Vec<_>>()
        );
        assert_eq!(super::map(&[1, 2, 3], |n| n + 1), [2, 3, 4]);
    }
}
