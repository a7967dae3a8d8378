-- The minimal hand-written DuckDB SQL for the benchmark's outputs: the full indicator set
-- (docs/kpis.md) by center and day, default variant (service level T = 20 s with
-- abandons counted as failures, short abandons < 5 s, FCR window 7 days), read straight
-- from the Parquet files with no loading step and no validation.
--
-- `records` is a view the runner creates first:
--     CREATE VIEW records AS SELECT * FROM read_parquet([...files...]);
-- (a view is inlined by DuckDB: the Parquet files are scanned by this query itself).
WITH c AS (
    SELECT
        center,
        CAST(arrived_at AS DATE) AS day,
        queued_at IS NOT NULL AS q,
        queued_at IS NOT NULL AND answered_at IS NOT NULL AS ans,
        epoch(coalesce(answered_at, ended_at) - queued_at) AS wait,
        coalesce(queued_at IS NOT NULL AND answered_at IS NULL
                 AND epoch(ended_at - queued_at) < 5, FALSE) AS short_ab,
        coalesce(queued_at IS NULL AND abandon_point = 'ivr', FALSE) AS ivr_ab,
        talk_s, hold_s, acw_s, transferred, csat, nps,
        customer_key IS NOT NULL AS identified,
        epoch(lead(arrived_at) OVER (PARTITION BY center, customer_key
                                     ORDER BY arrived_at, contact_id) - arrived_at) AS gap
    FROM records
), g AS (
    SELECT
        center, day,
        count(*) FILTER (WHERE ans OR (q AND NOT short_ab)) AS offered,
        count(*) FILTER (WHERE ans) AS answered,
        count(*) FILTER (WHERE q AND NOT ans AND NOT short_ab) AS abandoned,
        count(*) FILTER (WHERE short_ab) AS short_abandoned,
        count(*) FILTER (WHERE ivr_ab) AS ivr_abandoned,
        count(*) FILTER (WHERE ans AND wait <= 15) AS ans15,
        count(*) FILTER (WHERE ans AND wait <= 20) AS ans20,
        avg(wait) FILTER (WHERE ans) AS asa_s,
        avg(wait) FILTER (WHERE q) AS avg_wait_s,
        max(wait) FILTER (WHERE q) AS max_wait_s,
        avg(talk_s + coalesce(hold_s, 0) + coalesce(acw_s, 0)) FILTER (WHERE ans) AS aht_s,
        avg(talk_s) FILTER (WHERE ans) AS talk_s,
        avg(hold_s) FILTER (WHERE ans) AS hold_s,
        avg(acw_s) FILTER (WHERE ans) AS acw_s,
        count(*) FILTER (WHERE ans AND transferred) AS transferred_n,
        count(transferred) FILTER (WHERE ans) AS transfer_known,
        count(*) FILTER (WHERE ans AND identified AND (gap IS NULL OR gap > 7 * 86400)) AS fcr_n,
        count(*) FILTER (WHERE ans AND identified) AS fcr_den,
        avg(csat) AS csat_avg,
        count(*) FILTER (WHERE csat >= 4) AS csat_top,
        count(csat) AS csat_n,
        count(*) FILTER (WHERE nps >= 9) AS promoters,
        count(*) FILTER (WHERE nps <= 6) AS detractors,
        count(nps) AS nps_n,
        count(*) FILTER (WHERE NOT q) AS ivr_only,
        count(*) AS contacts
    FROM c
    GROUP BY center, day
)
SELECT
    center, day,
    offered, answered, abandoned, short_abandoned, ivr_abandoned,
    answered / nullif(offered, 0) AS answer_rate,
    ans15 / nullif(offered, 0) AS answer_rate_15s,
    ans20 / nullif(offered, 0) AS answer_rate_20s,
    abandoned / nullif(offered, 0) AS abandon_rate,
    ans20 / nullif(offered, 0) AS service_level,
    asa_s, avg_wait_s, max_wait_s, aht_s, talk_s, hold_s, acw_s,
    transferred_n / nullif(transfer_known, 0) AS transfer_rate,
    fcr_n / nullif(fcr_den, 0) AS fcr_rate,
    csat_avg,
    csat_top / nullif(csat_n, 0) AS csat_top2,
    (promoters - detractors) / nullif(nps_n, 0) AS nps,
    ivr_only / nullif(contacts, 0) AS ivr_containment,
    CAST(NULL AS DOUBLE) AS occupancy,
    CAST(NULL AS DOUBLE) AS adherence
FROM g
ORDER BY center, day
