INSERT INTO monev_handled (officer_id, day, n)
SELECT e.actor_id,
       (e.at + CASE i.zone WHEN 'WITA' THEN 28800000 WHEN 'WIT' THEN 32400000 ELSE 25200000 END) / 86400000,
       COUNT(*)
  FROM event e JOIN officer o ON o.id = e.actor_id JOIN instansi i ON i.id = o.instansi_id
 WHERE e.kind NOT IN ('intake', 'note', 'claim', 'link')
 GROUP BY 1, 2
