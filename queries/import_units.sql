-- What it answers: every desk an import file may name, with what it may be named by (name,
--   short name, slug, official code, unit ID code) and when it is valid, for the importer's
--   unit resolver (cchc/importer/units.py). Every column (*): a database written before the
--   official codes existed lacks them and is still read; the resolver takes what is there.
-- Grain: one row per unit of table units, by unit_code.
-- Parameters: none.
select *
from units
order by unit_code
