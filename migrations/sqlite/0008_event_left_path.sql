-- The subtree and klasifikasi a complaint left with this event (its instansi or its klasifikasi
-- changed): the readers it left still hear of it in their feeds, masked
-- (store::ops::complaints::events_after), so that their counts follow it out.
ALTER TABLE event ADD COLUMN left_path TEXT;
ALTER TABLE event ADD COLUMN left_klasifikasi TEXT;
