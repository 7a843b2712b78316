//! The queues of product.md. A view is a scope plus an order; the filter narrows it further.

use super::types::coded_enum;

coded_enum!(
    /// The built-in views, in tab order.
    View, "view" {
        /// New and returned reports awaiting verification or routing.
        Masuk = "masuk",
        /// Assigned to me.
        Saya = "saya",
        /// Open reports of my instansi subtree.
        Tim = "tim",
        /// Clock breached or due within one working day.
        Terlambat = "terlambat",
        /// Escalated to my instansi, or replies awaiting my approval.
        Eskalasi = "eskalasi",
        /// Everything I may see.
        Semua = "semua",
    }
);

coded_enum!(
    /// The order of a queue (`urut:` in the filter language, `o` in the console).
    Order, "order" {
        /// By urgency: the running clock's due time, soonest first, so that breached clocks (due
        /// in the past) lead; reports with no running clock (on hold, closed) follow, newest first.
        Tenggat = "tenggat",
        /// Newest received first.
        Terbaru = "terbaru",
        /// Oldest received first.
        Terlama = "terlama",
        /// Best match of the filter's words first (bm25 on SQLite, ts_rank on PostgreSQL, over
        /// the same stemmed words); the order of a filter with words unless another is asked
        /// for. Without words there is nothing to rank, and the queue goes by urgency.
        Relevan = "relevan",
    }
);

impl Order {
    /// Every view opens by urgency: an officer's first question is what is due next.
    pub const DEFAULT: Order = Order::Tenggat;

    /// The English spelling accepted beside the code (`sort:due`).
    pub fn english(self) -> &'static str {
        match self {
            Order::Tenggat => "due",
            Order::Terbaru => "newest",
            Order::Terlama => "oldest",
            Order::Relevan => "relevance",
        }
    }

    /// From the code or its English spelling.
    pub fn parse_any(word: &str) -> Result<Order, String> {
        let word = word.trim().to_lowercase();
        Order::ALL
            .iter()
            .copied()
            .find(|o| o.as_code() == word || o.english() == word)
            .ok_or_else(|| {
                let known: Vec<String> = Order::ALL
                    .iter()
                    .map(|o| format!("{} ({})", o.as_code(), o.english()))
                    .collect();
                format!(
                    "unknown order '{word}' (expected one of: {})",
                    known.join(", ")
                )
            })
    }

    /// The next order in the console's cycle; relevance is in it only when the filter has words.
    pub fn next(self, words: bool) -> Order {
        match self {
            Order::Tenggat => Order::Terbaru,
            Order::Terbaru => Order::Terlama,
            Order::Terlama if words => Order::Relevan,
            Order::Terlama | Order::Relevan => Order::Tenggat,
        }
    }
}
