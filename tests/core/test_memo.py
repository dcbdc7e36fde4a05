"""Builders kept between runs (cchc/memo.py): one build per distinct input and settings,
copies of kept tables handed out."""

import pandas as pd

from cchc.ui.memo import kept


def _counting():
    calls = []

    def build(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
        calls.append(lang)
        return frame.assign(doubled=frame["n"] * 2)

    return calls, kept(build)


def test_same_input_builds_once_and_a_changed_input_builds_again():
    calls, build = _counting()
    frame = pd.DataFrame({"n": [1, 2]})
    assert build(frame)["doubled"].tolist() == [2, 4]
    assert build(frame.copy())["doubled"].tolist() == [2, 4]  # equal content: kept
    assert calls == ["vi"]
    assert build(pd.DataFrame({"n": [1, 3]}))["doubled"].tolist() == [2, 6]  # one value changed
    assert build(frame, "en")["doubled"].tolist() == [2, 4]  # another argument
    assert build(frame.rename(columns={"n": "m"}).rename(columns={"m": "n"}).astype("float64"))["doubled"].tolist() == [2.0, 4.0]
    assert calls == ["vi", "vi", "en", "vi"]


def test_a_changed_setting_builds_again(monkeypatch):
    calls, build = _counting()
    frame = pd.DataFrame({"n": [5]})
    build(frame)
    monkeypatch.setenv("CCHC_ONTIME_TARGET", "95")
    build(frame)
    monkeypatch.setenv("CCHC_PAR_BAND", "60,80")
    build(frame)
    build(frame)
    assert calls == ["vi", "vi", "vi"]


def test_a_kept_table_is_handed_out_as_a_copy():
    calls, build = _counting()
    frame = pd.DataFrame({"n": [7]})
    first = build(frame)
    first.loc[0, "doubled"] = -1
    assert build(frame)["doubled"].tolist() == [14]
    assert calls == ["vi"]


def test_two_builders_with_one_name_are_kept_apart():
    def make(k):
        def build(frame):
            return frame["n"].sum() * k
        return kept(build)

    frame = pd.DataFrame({"n": [1, 2]})
    assert (make(10)(frame), make(100)(frame)) == (30, 300)


def test_frame_digest_tells_content_apart():
    from cchc.ui.memo import frame_digest

    frame = pd.DataFrame({"unit": ["Xã A", "Xã B", None], "n": [1, 2, 3], "rate": [98.8, None, 100.0]})
    same = pd.DataFrame({"unit": ["Xã A", "Xã B", None], "n": [1, 2, 3], "rate": [98.8, None, 100.0]})
    assert frame_digest(frame) == frame_digest(same)
    changed = [
        frame.assign(n=[1, 2, 4]),  # a value
        frame.assign(unit=["Xã A", "Xã C", None]),  # a text
        frame.assign(unit=["Xã A", "Xã B", ""]),  # missing is not empty
        frame.rename(columns={"n": "m"}),  # a column name
        frame.astype({"n": "float64"}),  # a type
        frame.set_axis([5, 6, 7]),  # the index
        frame[["n", "unit", "rate"]],  # the column order
    ]
    digests = {frame_digest(frame)} | {frame_digest(other) for other in changed}
    assert len(digests) == len(changed) + 1
    # slices of one frame: the offset and length count, not only the shared buffers
    long = pd.DataFrame({"n": range(10)})
    assert frame_digest(long.iloc[2:4].reset_index(drop=True)) != frame_digest(long.iloc[3:5].reset_index(drop=True))
    assert frame_digest(long.iloc[2:4].reset_index(drop=True)) == frame_digest(pd.DataFrame({"n": [2, 3]}))
    # a column Arrow cannot hold still gets a digest
    odd = pd.DataFrame({"x": [1, "a", 2.5]})
    assert frame_digest(odd) == frame_digest(pd.DataFrame({"x": [1, "a", 2.5]}))
    assert frame_digest(odd) != frame_digest(pd.DataFrame({"x": [1, "b", 2.5]}))
