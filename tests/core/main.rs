//! The core and command-line tests, one binary: each module was its own test crate once, but
//! every test binary links the whole program, and two dozen of them filled CI disks.

mod cli;
mod cli_text;
mod cli_window;
mod export_render;
mod extract_corpus;
mod extract_evidence;
mod extract_matching;
mod extract_seeds;
mod hostile_session;
mod import_docx;
mod import_hostile;
mod import_pdf;
mod kill_set;
mod no_network;
mod proptest_store;
mod reanchor_cli;
mod stocktake_cli;
mod store;
mod tracker_import;
mod workspace;
