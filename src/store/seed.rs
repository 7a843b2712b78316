//! Bulk loading of synthetic data for `meja seed` (filled in with the generator).
