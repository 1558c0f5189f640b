"""``dragoman spark``: the same extraction as a Spark job."""

from __future__ import annotations

import sys

import click

from dragoman.cli.common import guard, main, pipeline_settings, print_summary


@main.group()
def spark() -> None:
    """Run dragoman on Apache Spark (pip install 'dragoman[spark]', Java 17)."""


@spark.command(name="extract")
@click.argument("inputs", nargs=-1, required=True)
@click.argument("output")
@click.option("--master", help="Spark master URL: local[2], spark://host:7077, yarn, … "
                               "(default: spark-submit's, else local[*]).")
@click.option("--partitions", type=click.IntRange(min=1),
              help="Partitions the articles are cut into (default: Spark's parallelism).")
@click.option("--model", help="spaCy pipeline: installed package name or path "
              "[setting: model].")
@click.option("--batch-size", type=click.IntRange(min=1),
              help="Articles per batch [setting: batch_size].")
@click.option("--min-confidence", type=click.FloatRange(0, 1),
              help="Keep only events of at least this confidence, 0 to 1 "
                   "[setting: event_min_confidence].")
def spark_extract(inputs: tuple[str, ...], output: str, master: str | None,
                  partitions: int | None, model: str | None, batch_size: int | None,
                  min_confidence: float | None) -> None:
    """Extract INPUTS on Spark and write Parquet tables to the OUTPUT folder.

    INPUTS are paths Spark reads (local, hdfs://, s3a://): .jsonl/.txt/.html files (also
    .gz) or folders of them, or .parquet with id, text, published, … columns. OUTPUT gets
    records, articles, paragraphs, entities, quotes, timexes, event_mentions, events,
    actors, actor_aliases, entity_actors, repeated_paragraphs and errors
    (docs/parquet.md); a re-run overwrites them. Spark's executors are the workers.
    """
    from dragoman.run.spark import extract as run_extract
    from dragoman.run.spark import session

    with guard():
        settings = pipeline_settings(model, None, batch_size, min_confidence)
        spark_session = session(master)
        summary = run_extract(spark_session, list(inputs), output, settings, partitions)
    click.echo(f"{output}: tables {', '.join(summary.tables)}", err=True)
    print_summary(summary.as_dict())
    sys.exit(1 if summary.failed else 0)
