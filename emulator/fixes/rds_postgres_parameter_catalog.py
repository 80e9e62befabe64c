"""The parameters of an RDS for PostgreSQL DB parameter group, as ``DescribeDBParameters`` describes them.

The names, apply types and descriptions are those of the RDS User Guide's parameter list
(https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.PostgreSQL.CommonDBATasks.Parameters.html,
"RDS for PostgreSQL DB instance parameter list") and its logging parameters
(https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Concepts.PostgreSQL.overview.parameter-groups.html),
plus a few timeouts and RDS settings those pages name elsewhere. The list is "some (but not all)" of a family's several
hundred parameters; the data types are PostgreSQL's (a boolean is ``0,1`` on RDS, an enum a ``string`` with its
values). Parameters RDS keeps to itself (``archive_command``, ``log_directory``, ``data_directory``) are not
listed, as on RDS; neither are extensions' settings.

Used by ``emulator.fixes.rds_parameter_defaults``; not a fix of its own.
"""

from __future__ import annotations

from typing import NamedTuple


class CatalogEntry(NamedTuple):
    data_type: str
    apply_type: str
    allowed_values: str | None
    description: str


Version = tuple[int, ...]

_LOG_LEVELS = "debug5,debug4,debug3,debug2,debug1,info,notice,warning,error,log,fatal,panic"
_CLIENT_LEVELS = "debug5,debug4,debug3,debug2,debug1,log,notice,warning,error"
_ISOLATION_LEVELS = "serializable,repeatable read,read committed,read uncommitted"

# name | data type | apply type | allowed values ("" for none listed) | description
_TABLE = f"""
application_name | string | dynamic | | Sets the application name to be reported in statistics and logs.
array_nulls | boolean | dynamic | 0,1 | Enables input of NULL elements in arrays.
authentication_timeout | integer | dynamic | 1-600 | Sets the maximum allowed time to complete client authentication.
autovacuum | boolean | dynamic | 0,1 | Starts the autovacuum subprocess.
autovacuum_analyze_scale_factor | real | dynamic | 0-100 | Number of tuple inserts, updates, or deletes before analyze as a fraction of reltuples.
autovacuum_analyze_threshold | integer | dynamic | 0-2147483647 | Minimum number of tuple inserts, updates, or deletes before analyze.
autovacuum_freeze_max_age | integer | static | 100000-2000000000 | Age at which to autovacuum a table to prevent transaction ID wraparound.
autovacuum_max_workers | integer | static | 1-262143 | Sets the maximum number of simultaneously running autovacuum worker processes.
autovacuum_naptime | integer | dynamic | 1-2147483 | Time to sleep between autovacuum runs.
autovacuum_vacuum_cost_delay | integer | dynamic | -1-100 | Vacuum cost delay, in milliseconds, for autovacuum.
autovacuum_vacuum_cost_limit | integer | dynamic | -1-10000 | Vacuum cost amount available before napping, for autovacuum.
autovacuum_vacuum_scale_factor | real | dynamic | 0-100 | Number of tuple updates or deletes before vacuum as a fraction of reltuples.
autovacuum_vacuum_threshold | integer | dynamic | 0-2147483647 | Minimum number of tuple updates or deletes before vacuum.
backslash_quote | string | dynamic | safe_encoding,on,off | Sets whether a backslash (\\) is allowed in string literals.
bgwriter_delay | integer | dynamic | 10-10000 | Background writer sleep time between rounds.
bgwriter_lru_maxpages | integer | dynamic | 0-1000 | Background writer maximum number of LRU pages to flush per round.
bgwriter_lru_multiplier | real | dynamic | 0-10 | Multiple of the average buffer usage to free per round.
bytea_output | string | dynamic | escape,hex | Sets the output format for bytes.
check_function_bodies | boolean | dynamic | 0,1 | Checks function bodies during CREATE FUNCTION.
checkpoint_completion_target | real | dynamic | 0-1 | Time spent flushing dirty buffers during checkpoint, as a fraction of the checkpoint interval.
checkpoint_segments | integer | dynamic | 1-1024 | Sets the maximum distance in log segments between automatic write-ahead log (WAL) checkpoints.
checkpoint_timeout | integer | dynamic | 30-86400 | Sets the maximum time between automatic WAL checkpoints.
checkpoint_warning | integer | dynamic | 0-2147483647 | Enables warnings if checkpoint segments are filled more frequently than this.
client_encoding | string | dynamic | | Sets the client's character set encoding.
client_min_messages | string | dynamic | {_CLIENT_LEVELS} | Sets the message levels that are sent to the client.
commit_delay | integer | dynamic | 0-100000 | Sets the delay in microseconds between transaction commit and flushing WAL to disk.
commit_siblings | integer | dynamic | 0-1000 | Sets the minimum concurrent open transactions before performing commit_delay.
constraint_exclusion | string | dynamic | partition,on,off | Enables the planner to use constraints to optimize queries.
cpu_index_tuple_cost | real | dynamic | 0-1.79769e+308 | Sets the planner's estimate of the cost of processing each index entry during an index scan.
cpu_operator_cost | real | dynamic | 0-1.79769e+308 | Sets the planner's estimate of the cost of processing each operator or function call.
cpu_tuple_cost | real | dynamic | 0-1.79769e+308 | Sets the planner's estimate of the cost of processing each tuple (row).
cursor_tuple_fraction | real | dynamic | 0-1 | Sets the planner's estimate of the fraction of a cursor's rows that will be retrieved.
datestyle | string | dynamic | | Sets the display format for date and time values.
deadlock_timeout | integer | dynamic | 1-2147483647 | Sets the time to wait on a lock before checking for deadlock.
debug_pretty_print | boolean | dynamic | 0,1 | Indents parse and plan tree displays.
debug_print_parse | boolean | dynamic | 0,1 | Logs each query's parse tree.
debug_print_plan | boolean | dynamic | 0,1 | Logs each query's execution plan.
debug_print_rewritten | boolean | dynamic | 0,1 | Logs each query's rewritten parse tree.
default_statistics_target | integer | dynamic | 1-10000 | Sets the default statistics target.
default_tablespace | string | dynamic | | Sets the default tablespace to create tables and indexes in.
default_transaction_deferrable | boolean | dynamic | 0,1 | Sets the default deferrable status of new transactions.
default_transaction_isolation | string | dynamic | {_ISOLATION_LEVELS} | Sets the transaction isolation level of each new transaction.
default_transaction_read_only | boolean | dynamic | 0,1 | Sets the default read-only status of new transactions.
default_with_oids | boolean | dynamic | 0,1 | Creates new tables with object IDs (OIDs) by default.
effective_cache_size | integer | dynamic | 1-2147483647 | Sets the planner's assumption about the size of the disk cache.
effective_io_concurrency | integer | dynamic | 0-1000 | Number of simultaneous requests that can be handled efficiently by the disk subsystem.
enable_bitmapscan | boolean | dynamic | 0,1 | Enables the planner's use of bitmap-scan plans.
enable_hashagg | boolean | dynamic | 0,1 | Enables the planner's use of hashed aggregation plans.
enable_hashjoin | boolean | dynamic | 0,1 | Enables the planner's use of hash join plans.
enable_indexscan | boolean | dynamic | 0,1 | Enables the planner's use of index-scan plans.
enable_material | boolean | dynamic | 0,1 | Enables the planner's use of materialization.
enable_mergejoin | boolean | dynamic | 0,1 | Enables the planner's use of merge join plans.
enable_nestloop | boolean | dynamic | 0,1 | Enables the planner's use of nested-loop join plans.
enable_seqscan | boolean | dynamic | 0,1 | Enables the planner's use of sequential-scan plans.
enable_sort | boolean | dynamic | 0,1 | Enables the planner's use of explicit sort steps.
enable_tidscan | boolean | dynamic | 0,1 | Enables the planner's use of TID scan plans.
escape_string_warning | boolean | dynamic | 0,1 | Warns about backslash (\\) escapes in ordinary string literals.
extra_float_digits | integer | dynamic | -15-3 | Sets the number of digits displayed for floating-point values.
from_collapse_limit | integer | dynamic | 1-2147483647 | Sets the FROM-list size beyond which subqueries are not collapsed.
fsync | boolean | dynamic | 0,1 | Forces synchronization of updates to disk.
full_page_writes | boolean | dynamic | 0,1 | Writes full pages to WAL when first modified after a checkpoint.
geqo | boolean | dynamic | 0,1 | Enables genetic query optimization.
geqo_effort | integer | dynamic | 1-10 | GEQO: effort is used to set the default for other GEQO parameters.
geqo_generations | integer | dynamic | 0-2147483647 | GEQO: number of iterations of the algorithm.
geqo_pool_size | integer | dynamic | 0-2147483647 | GEQO: number of individuals in the population.
geqo_seed | real | dynamic | 0-1 | GEQO: seed for random path selection.
geqo_selection_bias | real | dynamic | 1.5-2 | GEQO: selective pressure within the population.
geqo_threshold | integer | dynamic | 2-2147483647 | Sets the threshold of FROM items beyond which GEQO is used.
gin_fuzzy_search_limit | integer | dynamic | 0-2147483647 | Sets the maximum allowed result for exact search by GIN.
hot_standby_feedback | boolean | dynamic | 0,1 | Determines whether a hot standby sends feedback messages to the primary or upstream standby.
idle_in_transaction_session_timeout | integer | dynamic | 0-2147483647 | Sets the maximum allowed duration of any idling transaction.
intervalstyle | string | dynamic | postgres,postgres_verbose,sql_standard,iso_8601 | Sets the display format for interval values.
join_collapse_limit | integer | dynamic | 1-2147483647 | Sets the FROM-list size beyond which JOIN constructs are not flattened.
lc_messages | string | dynamic | | Sets the language in which messages are displayed.
lc_monetary | string | dynamic | | Sets the locale for formatting monetary amounts.
lc_numeric | string | dynamic | | Sets the locale for formatting numbers.
lc_time | string | dynamic | | Sets the locale for formatting date and time values.
lock_timeout | integer | dynamic | 0-2147483647 | Sets the maximum allowed duration of any wait for a lock.
log_autovacuum_min_duration | integer | dynamic | -1-2147483647 | Sets the minimum running time above which autovacuum actions will be logged.
log_checkpoints | boolean | dynamic | 0,1 | Logs each checkpoint.
log_connections | boolean | dynamic | 0,1 | Logs each successful connection.
log_destination | string | dynamic | stderr,csvlog | Sets the destination for server log output.
log_disconnections | boolean | dynamic | 0,1 | Logs end of a session, including duration.
log_duration | boolean | dynamic | 0,1 | Logs the duration of each completed SQL statement.
log_error_verbosity | string | dynamic | terse,default,verbose | Sets the verbosity of logged messages.
log_executor_stats | boolean | dynamic | 0,1 | Writes executor performance statistics to the server log.
log_file_mode | string | dynamic | | Sets file permissions for log files.
log_filename | string | dynamic | | Sets the file name pattern for log files.
log_hostname | boolean | dynamic | 0,1 | Logs the host name in the connection logs.
log_line_prefix | string | dynamic | | Controls information prefixed to each log line.
log_lock_waits | boolean | dynamic | 0,1 | Logs long lock waits.
log_min_duration_statement | integer | dynamic | -1-2147483647 | Sets the minimum execution time above which statements will be logged.
log_min_error_statement | string | dynamic | {_LOG_LEVELS} | Causes all statements generating an error at or above this level to be logged.
log_min_messages | string | dynamic | {_LOG_LEVELS} | Sets the message levels that are logged.
log_parser_stats | boolean | dynamic | 0,1 | Writes parser performance statistics to the server log.
log_planner_stats | boolean | dynamic | 0,1 | Writes planner performance statistics to the server log.
log_replication_commands | boolean | dynamic | 0,1 | Logs each replication command.
log_rotation_age | integer | dynamic | 1-1440 | Automatic log file rotation will occur after N minutes.
log_rotation_size | integer | dynamic | 50000-1000000 | Automatic log file rotation will occur after N kilobytes.
log_statement | string | dynamic | none,ddl,mod,all | Sets the type of statements logged.
log_statement_stats | boolean | dynamic | 0,1 | Writes cumulative performance statistics to the server log.
log_temp_files | integer | dynamic | -1-2147483647 | Logs the use of temporary files larger than this number of kilobytes.
log_timezone | string | dynamic | | Sets the time zone to use in log messages.
log_truncate_on_rotation | boolean | dynamic | 0,1 | Truncate existing log files of same name during log rotation.
logging_collector | boolean | static | 0,1 | Start a subprocess to capture stderr output and/or csvlogs into log files.
maintenance_work_mem | integer | dynamic | 1024-2147483647 | Sets the maximum memory to be used for maintenance operations.
max_connections | integer | static | 6-8388607 | Sets the maximum number of concurrent connections.
max_files_per_process | integer | static | 10-2147483647 | Sets the maximum number of simultaneously open files for each server process.
max_locks_per_transaction | integer | static | 10-2147483647 | Sets the maximum number of locks per transaction.
max_pred_locks_per_transaction | integer | static | 10-2147483647 | Sets the maximum number of predicate locks per transaction.
max_prepared_transactions | integer | static | 0-8388607 | Sets the maximum number of simultaneously prepared transactions.
max_stack_depth | integer | dynamic | 100-2147483647 | Sets the maximum stack depth, in kilobytes.
max_standby_archive_delay | integer | dynamic | -1-2147483647 | Sets the maximum delay before canceling queries when a hot standby server is processing archived WAL data.
max_standby_streaming_delay | integer | dynamic | -1-2147483647 | Sets the maximum delay before canceling queries when a hot standby server is processing streamed WAL data.
max_wal_size | integer | dynamic | 2-2147483647 | Sets the WAL size that triggers the checkpoint.
min_wal_size | integer | dynamic | 2-2147483647 | Sets the minimum size to shrink the WAL to.
quote_all_identifiers | boolean | dynamic | 0,1 | Adds quotes (") to all identifiers when generating SQL fragments.
random_page_cost | real | dynamic | 0-1.79769e+308 | Sets the planner's estimate of the cost of a non-sequentially fetched disk page.
rds.adaptive_autovacuum | boolean | dynamic | 0,1 | Automatically tunes the autovacuum parameters whenever the transaction ID thresholds are exceeded.
rds.force_ssl | boolean | dynamic | 0,1 | Force SSL connections.
rds.log_retention_period | integer | dynamic | 1440-10080 | Amazon RDS for PostgreSQL will delete PostgreSQL logs that are older than N minutes.
rds.logical_replication | boolean | static | 0,1 | Enables logical decoding.
rds.restrict_password_commands | boolean | static | 0,1 | Restricts password-related commands to members of rds_password.
search_path | string | dynamic | | Sets the schema search order for names that are not schema-qualified.
seq_page_cost | real | dynamic | 0-1.79769e+308 | Sets the planner's estimate of the cost of a sequentially fetched disk page.
session_replication_role | string | dynamic | origin,replica,local | Sets the sessions behavior for triggers and rewrite rules.
shared_buffers | integer | static | 16-1073741823 | Sets the number of shared memory buffers used by the server.
shared_preload_libraries | list | static | auto_explain,orafce,pgaudit,pglogical,pg_bigm,pg_cron,pg_hint_plan,pg_prewarm,pg_similarity,pg_stat_statements,pg_transport,plprofiler | Lists shared libraries to preload into server.
sql_inheritance | boolean | dynamic | 0,1 | Causes subtables to be included by default in various commands.
ssl | boolean | static | 0,1 | Enables SSL connections.
ssl_renegotiation_limit | integer | dynamic | 0-2147483647 | Sets the amount of traffic to send and receive before renegotiating the encryption keys.
standard_conforming_strings | boolean | dynamic | 0,1 | Causes ... strings to treat backslashes literally.
statement_timeout | integer | dynamic | 0-2147483647 | Sets the maximum allowed duration of any statement.
synchronize_seqscans | boolean | dynamic | 0,1 | Enables synchronized sequential scans.
synchronous_commit | string | dynamic | local,on,off | Sets the current transactions synchronization level.
tcp_keepalives_count | integer | dynamic | 0-2147483647 | Maximum number of TCP keepalive retransmits.
tcp_keepalives_idle | integer | dynamic | 0-2147483647 | Time between issuing TCP keepalives.
tcp_keepalives_interval | integer | dynamic | 0-2147483647 | Time between TCP keepalive retransmits.
temp_buffers | integer | dynamic | 100-1073741823 | Sets the maximum number of temporary buffers used by each session.
temp_file_limit | integer | static | -1-2147483647 | Sets the maximum size in KB to which the temporary files can grow.
temp_tablespaces | string | dynamic | | Sets the tablespaces to use for temporary tables and sort files.
timezone | string | dynamic | | Sets the time zone for displaying and interpreting time stamps.
track_activities | boolean | dynamic | 0,1 | Collects information about running commands.
track_activity_query_size | integer | static | 100-102400 | Sets the size reserved for pg_stat_activity.current_query, in bytes.
track_counts | boolean | dynamic | 0,1 | Collects statistics on database activity.
track_functions | string | dynamic | none,pl,all | Collects function-level statistics on database activity.
track_io_timing | boolean | dynamic | 0,1 | Collects timing statistics on database IO activity.
transaction_deferrable | boolean | dynamic | 0,1 | Indicates whether to defer a read-only serializable transaction until it can be started with no possible serialization failures.
transaction_isolation | string | dynamic | {_ISOLATION_LEVELS} | Sets the current transactions isolation level.
transaction_read_only | boolean | dynamic | 0,1 | Sets the current transactions read-only status.
transform_null_equals | boolean | dynamic | 0,1 | Treats expr=NULL as expr IS NULL.
update_process_title | boolean | dynamic | 0,1 | Updates the process title to show the active SQL command.
vacuum_cost_delay | integer | dynamic | 0-100 | Vacuum cost delay in milliseconds.
vacuum_cost_limit | integer | dynamic | 1-10000 | Vacuum cost amount available before napping.
vacuum_cost_page_dirty | integer | dynamic | 0-10000 | Vacuum cost for a page dirtied by vacuum.
vacuum_cost_page_hit | integer | dynamic | 0-10000 | Vacuum cost for a page found in the buffer cache.
vacuum_cost_page_miss | integer | dynamic | 0-10000 | Vacuum cost for a page not found in the buffer cache.
vacuum_defer_cleanup_age | integer | dynamic | 0-1000000 | Number of transactions by which vacuum and hot cleanup should be deferred, if any.
vacuum_freeze_min_age | integer | dynamic | 0-1000000000 | Minimum age at which vacuum should freeze a table row.
vacuum_freeze_table_age | integer | dynamic | 0-2000000000 | Age at which vacuum should scan a whole table to freeze tuples.
wal_buffers | integer | static | -1-262143 | Sets the number of disk-page buffers in shared memory for WAL.
wal_receiver_timeout | integer | dynamic | 0-3600000 | Sets the maximum wait time to receive data from the primary.
wal_sender_timeout | integer | dynamic | 0-3600000 | Sets the maximum time to wait for WAL replication.
wal_writer_delay | integer | dynamic | 1-10000 | WAL writer sleep time between WAL flushes.
work_mem | integer | dynamic | 64-2147483647 | Sets the maximum memory to be used for query workspaces.
xmlbinary | string | dynamic | base64,hex | Sets how binary values are to be encoded in XML.
xmloption | string | dynamic | content,document | Sets whether XML data in implicit parsing and serialization operations is to be considered as documents or content fragments.
"""

# PostgreSQL added or removed these settings in the version named; a family outside the range does not list them.
# name: (first version, last version)
VERSION_RANGES: dict[str, tuple[Version | None, Version | None]] = {
    "checkpoint_segments": (None, (9, 4)),
    "ssl_renegotiation_limit": (None, (9, 4)),
    "sql_inheritance": (None, (9, 6)),
    "default_with_oids": (None, (11,)),
    "vacuum_defer_cleanup_age": (None, (15,)),
    "max_wal_size": ((9, 5), None),
    "min_wal_size": ((9, 5), None),
    "log_replication_commands": ((9, 5), None),
    "idle_in_transaction_session_timeout": ((9, 6), None),
}


def _parse(table: str) -> dict[str, CatalogEntry]:
    catalog = {}
    for line in table.strip().splitlines():
        name, data_type, apply_type, allowed, description = (cell.strip() for cell in line.split("|", 4))
        catalog[name] = CatalogEntry(data_type, apply_type, allowed or None, description)
    return catalog


CATALOG: dict[str, CatalogEntry] = _parse(_TABLE)


def parameters_of(version: Version) -> list[str]:
    """The names a ``postgres<version>`` family lists, in the order DescribeDBParameters gives them (by name)."""
    return sorted(name for name in CATALOG if _in_range(version, *VERSION_RANGES.get(name, (None, None))))


def _in_range(version: Version, first: Version | None, last: Version | None) -> bool:
    if first is not None and version < first:
        return False
    # (9,) is within a last version of (9, 6); (9, 6) is not within (9, 4).
    return last is None or version[: len(last)] <= last
