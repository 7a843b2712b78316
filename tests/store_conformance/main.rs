//! The store conformance suite: the same cases on SQLite and on PostgreSQL, over real connections.

mod aliases;
mod clocks;
#[path = "../common/mod.rs"]
mod common;
mod counts;
mod lifecycle;
mod queues;
mod reference;
mod refusals;
mod routing;
mod search;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::*;
use meja::domain::filter;
use meja::domain::lifecycle::{Action, Named, Verification};
use meja::domain::view::View;
use meja::domain::*;
use meja::store::seed::{DEMO_NATIONAL, DEMO_OFFICER, DEMO_SUPERVISOR};
use meja::store::{Count, ListQuery, StoreError};

use aliases::*;
use clocks::*;
use counts::*;
use lifecycle::*;
use queues::*;
use reference::*;
use refusals::*;
use routing::*;
use search::*;

fn wib(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_str(&format!("{s} +0700"), "%Y-%m-%d %H:%M %z")
        .unwrap()
        .with_timezone(&Utc)
}

/// The unit of the demo kota where demo.petugas works.
async fn demo_unit(db: &TestDb) -> Instansi {
    let o = db.store.officer(DEMO_OFFICER).await.unwrap();
    db.store
        .instansi_list()
        .into_iter()
        .find(|i| i.id == o.instansi_id)
        .unwrap()
}

async fn events_of(db: &TestDb, id: i64) -> Vec<Event> {
    let national = actor(&db.store, DEMO_NATIONAL).await;
    db.store.complaint(&national, id).await.unwrap().events
}

async fn disposed_to_demo_unit(db: &TestDb, judul: &str) -> i64 {
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let unit = demo_unit(db).await;
    let c = db
        .store
        .intake(&national, report(judul, Utc::now() - Duration::hours(2)))
        .await
        .unwrap();
    let action: Action<Named> = Action::Verify {
        changes: Verification::default(),
        dispose_to: Some(unit.code.clone()),
    };
    db.store.act(&national, c.id, None, &action).await.unwrap();
    c.id
}

on_all!(
    the_reference_document_follows_every_change,
    suggest_reads_the_best_matches_within_reach,
    suggest_names_where_similar_reports_went,
    aliases_are_kept_matched_and_scoped,
    sweep_escalates_breached_clocks_by_policy,
    sweep_across_holidays_and_zones,
    similar_suggests_duplicates,
    legal_path_through_the_lifecycle,
    hold_return_archive_merge_link,
    refused_moves_change_nothing,
    stale_versions_conflict,
    concurrent_claims_have_one_winner,
    officers_see_only_their_subtree,
    clocks_follow_weekends_holidays_and_zones,
    sweep_closes_silent_reports_once,
    views_pages_search_and_filters,
    counts_stop_at_the_cap_and_say_so,
    exact_counts_agree_with_the_reports,
    events_are_append_only_and_followable,
    drafts_and_templates,
    queues_open_by_urgency,
    complaints_at_once_read_as_one_at_a_time,
    search_understands_indonesian,
    relevance_pages_cover_the_matches,
    relevance_ranks_the_newest_matches_then_the_rest,
);

mod migrating {
    use super::*;
    on_both!(migrate_writes_the_words_of_existing_reports);
}
