//! Work spread over the cores: opening a case loads and lays out its articles side by side, so
//! that five 2 MB articles do not wait for each other on the way to the first frame.

use std::num::NonZero;
use std::sync::Mutex;

/// Below this many bytes of work in all, starting threads costs more than it saves.
pub const PARALLEL_FROM_BYTES: usize = 256 * 1024;

/// `items.into_iter().map(f).collect()`, with the items shared out among one thread per core
/// (the calling thread is one of them) when their `bytes` add up to [`PARALLEL_FROM_BYTES`].
/// The results keep the order of the items; a panic in `f` is passed on.
pub fn map<T: Send, U: Send>(
    items: Vec<T>,
    bytes: impl Fn(&T) -> usize,
    f: impl Fn(T) -> U + Sync,
) -> Vec<U> {
    if items.len() < 2 || items.iter().map(bytes).sum::<usize>() < PARALLEL_FROM_BYTES {
        return items.into_iter().map(f).collect();
    }
    // Asked only now: on Linux the answer takes a few reads of /proc and /sys.
    let threads = std::thread::available_parallelism()
        .map_or(1, NonZero::get)
        .min(items.len());
    if threads <= 1 {
        return items.into_iter().map(f).collect();
    }
    let queue = Mutex::new(items.into_iter().enumerate());
    let work = || {
        let mut done = Vec::new();
        // The lock is never held while `f` runs, so a panic in `f` cannot poison it.
        while let Some((i, item)) = queue.lock().ok().and_then(|mut q| q.next()) {
            done.push((i, f(item)));
        }
        done
    };
    let mut results = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut results = work();
        for other in others {
            match other.join() {
                Ok(done) => results.extend(done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        results
    });
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_order_of_the_items() {
        let items: Vec<u64> = (0..100).collect();
        let squares = map(
            items,
            |_| PARALLEL_FROM_BYTES,
            |i| {
                // Uneven work, so that the threads finish out of order.
                std::thread::sleep(std::time::Duration::from_micros((i * 37) % 11 * 50));
                i * i
            },
        );
        assert_eq!(squares, (0..100).map(|i| i * i).collect::<Vec<_>>());
        assert_eq!(map(Vec::<u8>::new(), |_| 0, |x| x), Vec::<u8>::new());
        assert_eq!(map(vec![1, 2, 3], |_| 1, |x| x * 2), vec![2, 4, 6]);
    }

    #[test]
    #[should_panic(expected = "item 3")]
    fn passes_a_panic_on() {
        map(
            (0..8).collect(),
            |_| PARALLEL_FROM_BYTES,
            |i: u32| assert!(i != 3, "item 3"),
        );
    }
}
