"""Directions (kết luận chỉ đạo) of a review meeting and their follow-up at the next one.

``model`` holds the plain rules (statuses, the follow-up counts and sentence), ``store`` the
table, its demo seed and the reads and writes, ``excel`` the reading of an office's list.
"""
