//! Working complaints through the console (issue 4), headless: every action is driven by keys of
//! the default keymap on SQLite and on PostgreSQL, and the store is checked afterwards (status,
//! assignee, events, drafts), refusals and conflicts included.
//!
//! One test binary; the scenarios are grouped by concern in the modules below and each runs on
//! both backends.

#[path = "../common/mod.rs"]
mod common;
#[path = "../console_support/mod.rs"]
mod console_support;

mod assignment;
mod bulk;
mod closing;
mod drafting;
mod routing;
mod support;

use assignment::{assignment, triage};
use bulk::{bulk, readonly};
use closing::{escalate_close_merge_link, reporter_reply_recorded_when_it_was_given};
use drafting::{drafting, four_eyes};
use routing::routing_suggestions_in_the_picker;

on_both!(
    reporter_reply_recorded_when_it_was_given,
    assignment,
    triage,
    drafting,
    four_eyes,
    escalate_close_merge_link,
    bulk,
    readonly,
    routing_suggestions_in_the_picker
);
