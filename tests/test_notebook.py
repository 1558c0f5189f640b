"""examples/notebook.ipynb runs from top to bottom in a fresh kernel and draws its chart."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures.paths import ROOT

NOTEBOOK = ROOT / "examples" / "notebook.ipynb"


@pytest.mark.slow
def test_the_example_notebook_runs_and_draws_its_chart(tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat", reason="needs the dev extra (nbformat)")
    nbclient = pytest.importorskip("nbclient", reason="needs the dev extra (nbclient)")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # python3 is ipykernel's kernel of this very interpreter: no kernel to register first
    client = nbclient.NotebookClient(notebook, timeout=900, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError, naming the cell, when one fails
    outputs = [o for cell in notebook.cells if cell.cell_type == "code"
               for o in cell.get("outputs", [])]
    assert any("image/png" in o.get("data", {}) for o in outputs), "no chart was drawn"
    tables = [o["data"]["text/plain"] for o in outputs if "text/plain" in o.get("data", {})]
    assert any(" → " in t for t in tables), "the table of pairs is empty"
