"""Who an application may be addressed to (第二十七条: the administrative agency that holds
the information): an agency, never a bare region. A tree of agencies has regions as its
upper nodes (山西省 › 运城市 › 盐湖区 › 运城市盐湖区人民政府办公室); a region's own name ends in its
place suffix, an agency's in what the agency is (人民政府, 局, 办公室, 委员会…).
"""

from __future__ import annotations

import re

PLACE_SUFFIX = re.compile(r"(省|自治区|市|自治州|地区|盟|县|自治县|区|旗|自治旗|乡|镇|苏木|街道)$")


def is_region_name(name: str) -> bool:
    """Whether `name` names a place rather than an agency (吴忠市 yes, 吴忠市人民政府 no)."""
    return bool(PLACE_SUFFIX.search(name.strip()))
