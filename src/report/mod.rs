//! Statistics, summaries and exports of a session.

mod summary;

pub use summary::Summary;
