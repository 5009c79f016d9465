//! Long work off the caller's thread: a job runs on a worker thread, reports progress, can be
//! cancelled, and hands its result back when polled. The window polls once per frame.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

/// Progress of a job, shared between the worker and whoever shows it.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
    step: Mutex<String>,
    cancel: AtomicBool,
}

/// The job was cancelled before it finished; nothing it would have changed was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;

impl Progress {
    /// Say what the job is doing now and how much of it there is (0: unknown).
    pub fn begin(&self, step: impl Into<String>, total: u64) {
        if let Ok(mut s) = self.step.lock() {
            *s = step.into();
        }
        self.total.store(total, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
    }

    /// Record that `done` of the current step's `total` units are finished.
    pub fn set_done(&self, done: u64) {
        self.done.store(done, Ordering::Relaxed);
    }

    /// Fraction of the current step done, if its size is known.
    pub fn fraction(&self) -> Option<f32> {
        let total = self.total.load(Ordering::Relaxed);
        (total > 0).then(|| (self.done.load(Ordering::Relaxed) as f32 / total as f32).min(1.0))
    }

    /// What the job is doing now.
    pub fn step(&self) -> String {
        self.step.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Ask the job to stop at its next check.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// True once cancellation was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// `Err(Cancelled)` once cancellation was asked for: call between units of work.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() { Err(Cancelled) } else { Ok(()) }
    }

    /// The cancel flag itself, for code that takes an `&AtomicBool`.
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }
}

/// A piece of work running on its own thread.
#[derive(Debug)]
pub struct Job<T> {
    title: String,
    progress: Arc<Progress>,
    result: mpsc::Receiver<std::thread::Result<T>>,
}

impl<T: Send + 'static> Job<T> {
    /// Start `work` on a new thread. A panic in the work is caught and reported as the
    /// job's result rather than taking the caller down.
    pub fn spawn(title: impl Into<String>, work: impl FnOnce(&Progress) -> T + Send + 'static) -> Self {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = mpsc::channel();
        let worker_progress = Arc::clone(&progress);
        let title = title.into();
        let spawned = std::thread::Builder::new().name(format!("stocktake: {title}")).spawn(move || {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&worker_progress)));
            // The receiver may be gone (the window closed): nothing to report to.
            let _ = tx.send(outcome);
        });
        if let Err(e) = spawned {
            let (tx, rx) = mpsc::channel();
            let _ = tx.send(Err(Box::new(format!("could not start a worker thread: {e}")) as _));
            return Self { title, progress, result: rx };
        }
        Self { title, progress, result: rx }
    }

    /// Run `work` here and now (for the command line, which has nothing to keep responsive).
    pub fn run_here(work: impl FnOnce(&Progress) -> T) -> T {
        work(&Progress::default())
    }
}

impl<T> Job<T> {
    /// What the job is, for the progress indicator ("Opening review.ron").
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The job's progress (and its cancel switch).
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// The result, once the work has finished; `Err` holds a panic's message.
    pub fn poll(&self) -> Option<Result<T, String>> {
        match self.result.try_recv() {
            Ok(Ok(value)) => Some(Ok(value)),
            Ok(Err(panic)) => Some(Err(panic_message(&panic))),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err("the worker stopped unexpectedly".into())),
        }
    }

    /// Wait for the result (tests and the command line).
    pub fn wait(self) -> Result<T, String> {
        match self.result.recv() {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(panic)) => Err(panic_message(&panic)),
            Err(_) => Err("the worker stopped unexpectedly".into()),
        }
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    let text = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "unknown error".into());
    format!("internal error: {text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_progress_and_cancel_reach_the_caller() {
        let job = Job::spawn("count", |p| {
            p.begin("counting", 10);
            p.set_done(10);
            42
        });
        assert_eq!(job.wait(), Ok(42));

        let job = Job::spawn("wait for cancel", |p| {
            while p.check().is_ok() {
                std::thread::yield_now();
            }
            "stopped"
        });
        job.progress().cancel();
        assert_eq!(job.wait(), Ok("stopped"));
    }

    #[test]
    fn a_panicking_job_reports_instead_of_crashing() {
        let job: Job<()> = Job::spawn("boom", |_| panic!("bad input"));
        let err = job.wait().unwrap_err();
        assert!(err.contains("bad input"), "{err}");
    }
}
