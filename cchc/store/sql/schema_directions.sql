-- Directions (kết luận chỉ đạo) given at a review meeting and followed up at the next one.
-- One row per direction. `meeting` is the period code of the meeting's report (2018-H1,
-- 2018-Q3, 2018-05, 2018). `status` is what the office entered: 'open' or 'done'; "late"
-- is never stored: it is computed (not done and past the deadline) on the day asked.
-- No constraint keys: a meeting's list is always replaced as a whole in one transaction.
CREATE TABLE IF NOT EXISTS directions (
    meeting   VARCHAR NOT NULL,
    seq       INTEGER NOT NULL,          -- the order the chairman gave them in, from 1
    content   VARCHAR NOT NULL,          -- Nội dung
    units     VARCHAR NOT NULL DEFAULT '',  -- Đơn vị thực hiện, as written
    deadline  DATE,                      -- Thời hạn; NULL = no deadline (never late)
    status    VARCHAR NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    is_demo   BOOLEAN NOT NULL DEFAULT false  -- statuses invented for the demo, labelled so
);
