-- What it answers: the directions (kết luận chỉ đạo) of one review meeting, for its report,
-- the next meeting's follow-up and the Kết luận chỉ đạo page.
-- Grain: one row per direction, in the order given.
-- Parameters: $meeting, the meeting's period code (e.g. '2018-H1').
select meeting, seq, content, units, deadline, status, is_demo
from directions
where meeting = $meeting
order by seq
