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

impl View {
    /// Views ordered by the due time (most urgent first) rather than by arrival (newest first).
    pub fn orders_by_due(self) -> bool {
        matches!(self, View::Terlambat)
    }
}
