"""Field types the API's input schemas share."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

# a row's id as the databases store it (a signed 64-bit integer): a larger number
# is refused with 422 naming the field, never passed to a query that cannot hold it
RowId = Annotated[int, Field(ge=1, le=2**63 - 1)]
