-- Peer of `fabkit-cli import`: the sqlite3 shell's .import of the same long CSV into a typed table.
CREATE TABLE measurement(lot TEXT, wafer INTEGER, site INTEGER, parameter TEXT, value REAL);
.mode csv
.import --skip 1 import.csv measurement
