"""Plain-Chinese message templates for findings and errors, one place for all of them.

Templates use `str.format` fields, never f-strings, so that they can be translated
and audited as a whole. `RULES` is the rule catalogue that docs/rules.md is made from.
"""

from __future__ import annotations

RULES: dict[str, tuple[str, str]] = {
    # rule id: (severity, what must hold)
    "applications.balance": (
        "error",
        "表三每列：一（本年新收）+ 二（上年结转）= 三（七）总计 + 四（结转下年度继续办理）",
    ),
    "applications.total": ("error", "表三每列：三（七）总计 = 各项办理结果之和"),
    "applications.row_total": ("error", "表三每行：「总计」列 = 六类申请人之和"),
    "appeals.total": ("error", "表四每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"),
    "text.table_mismatch": ("error", "正文所述数字与表格中同一范围的数字一致"),
    "text.scope_uncertain": (
        "warning",
        "正文所述数字与表格不一致，但句中所指范围（地域、部门、时段、原因或事项）不确定，不作为错误",
    ),
    "continuity.carry": ("error", "同一机关上年「结转下年度继续办理」= 本年「上年结转」"),
    "template.year_mismatch": (
        "warning",
        "2021年及以后的报告使用2021年格式，2019、2020年使用2019年格式",
    ),
    "parse.blank_cell": ("warning", "原文留空的单元格按0参与校验"),
    "parse.repaired_row": ("warning", "数字个数与单元格数不符，已取唯一满足勾稽关系的读法"),
    "parse.ambiguous_row": (
        "warning",
        "数字个数与单元格数不符，有多种满足勾稽关系的读法，已取其一",
    ),
    "parse.unrepaired_row": (
        "warning",
        "数字个数与单元格数不符，且没有满足勾稽关系的读法，按原文顺序保留",
    ),
    "parse.unproven_row": (
        "warning",
        "该行数字所在的行或列无法由行名、版面或勾稽关系确定，按原文顺序推定",
    ),
    "parse.printed_order": (
        "warning",
        "表格的行或列的印制次序与模板不同，已按行名或表头所示的列名对应到模板的行和列",
    ),
    "parse.missing_row": ("warning", "未找到该行"),
    "parse.missing_table": ("warning", "未找到该表"),
    "parse.table_picture": ("warning", "该表在原文中是图片，无法读取"),
    "parse.unread_cell": ("warning", "单元格中的内容无法辨认为数字，按空白处理，该行数字存疑"),
    "parse.merged_cell": (
        "warning",
        "相邻几列或几行合并为一格、只印一个数字，不能确定此数属于所跨的哪几格，该行数字存疑",
    ),
    "parse.negative_count": (
        "warning",
        "不能为负数的单元格印有负号，且勾稽关系不能证明应去掉负号，该单元格存疑",
    ),
    "parse.text_layer": ("warning", "PDF页面的文字层与页面显示不符，已按页面图像重新识别"),
    "parse.picture_read": ("warning", "表格以图片形式插入文档或网页，已通过文字识别读取"),
    "parse.undivided_other": ("warning", "2021年格式的（六）其他处理未分项填报，按一行记录"),
    "parse.unit_converted": ("warning", "金额单位为元，已换算为万元"),
    "parse.unit_unclear": ("warning", "表头与表格上方注明的金额单位不一致，未换算，该金额存疑"),
    "parse.template_guessed": ("warning", "表格中没有格式标志，按年度推定格式"),
    "parse.no_agency": ("warning", "未识别出机关名称"),
    "parse.no_year": ("warning", "未识别出报告年度"),
    "continuity.in_force": (
        "warning",
        "表二（一）：上年「现行有效件数」+ 本年「制发」− 本年「废止」= 本年「现行有效件数」",
    ),
    "continuity.no_previous": (
        "warning",
        "表二（一）「现行有效件数」由上年报告结转；没有上年报告时按登记簿统计，需人工核对",
    ),
    "report.section_missing": ("error", "年度报告包括全部六个部分，每部分都有内容"),
    "text.repeated_problems": ("warning", "第五部分（存在的主要问题及改进情况）不照抄上年"),
}

BALANCE = (
    "三、{column}列：一（本年新收）{new}件加二（上年结转）{carried}件为{expected}件，"
    "但三（七）总计{total}件加四（结转下年度）{forward}件为{found}件"
)
TOTAL = "三（七）总计「{column}」列填报为{found}，但各办理结果之和为{expected}"
ROW_TOTAL = "{ref}「总计」列填报为{found}，但六类申请人之和为{expected}"
APPEAL_TOTAL = "四、{group}「总计」填报为{found}，但各结果之和为{expected}"
CARRY = (
    "上年（{prev_year}年）「结转下年度继续办理」{column}列为{expected}，本年「上年结转」为{found}"
)
DOUBTED = "；由于{rows}的数字读取存疑（见读取警告），这可能是读错而非填错，未作为错误，请核对原文"
TEXT_MISMATCH = "正文称「{sentence}」（{value}件），但{compared}"
TEXT_SCOPE = (
    "正文称「{sentence}」（{value}件），而{compared}；句中「{hedge}」表明所计范围可能与本表不同，"
    "未作为错误，请核对"
)
TEMPLATE_YEAR = "{year}年度报告应使用{expected}年格式，实际为{found}年格式"

CONFIDENCE = (
    "读取：共{cells}个单元格，按原文版面读出{by_layout}个，按勾稽关系修复{by_rules}个，"
    "存疑{flagged}个"
)
BLANK_CELLS = "{table}有{count}个单元格留空（{cells}），校验时按0计"
REPAIRED = "{where}印有{printed}个数字，应有{cells}个单元格；已取唯一满足勾稽关系的读法"
AMBIGUOUS = (
    "{where}印有{printed}个数字，应有{cells}个单元格；"
    "有{readings}种满足勾稽关系的读法，已取其一，请核对原文"
)
MERGED_CELL = "{where}{columns}{count}列合并为一格，只印有{value}；{unknown}，已{how}，请核对原文"
MERGED_EITHER = "勾稽关系不能确定是各列同为{value}还是仅一列有数"
MERGED_WHICH = "勾稽关系表明仅一列有数，但不能确定是哪一列"
MERGED_UNRULED = "该表没有勾稽关系，不能确定是各列同为{value}还是仅一列有数"
MERGED_EQUAL = "按各列均为{value}读取"
MERGED_ALONE = "按仅「{column}」列为{value}、其余列为空读取"
MERGED_DOWN = (
    "{where}{columns}列的单元格与相邻行合并为一格，只印有{value}；{unknown}，已{how}，请核对原文"
)
# A figure cell at a page break over a blank cell across it, not proven one cell (`grid.CUT`).
MERGED_CUT = (
    "{where}{columns}列的单元格位于分页处，可能与{other}同列的单元格为同一单元格，只印有{value}；"
    "勾稽关系不能确定该数属于哪一行，已{how}，请核对原文"
)
MERGED_CUT_BELOW = "下页首行"
MERGED_CUT_ABOVE = "上页末行"
MERGED_DOWN_EITHER = "勾稽关系不能确定该数是否属于本行"
MERGED_DOWN_UNRULED = "该表没有勾稽关系，不能确定该数是否属于本行"
MERGED_DOWN_NONE = "按本行为空读取"
MERGED_DOWN_ROW = "按本行为{value}读取"
LAID_OUT = (
    "{where}印有{printed}个数字，应有{cells}个单元格；按各数字在版面上的列位置确定了留空的单元格"
)
ONE_DIGIT_EACH = (
    "{where}的数字连在一起印出，共{cells}位，与单元格数相同：每位数字各占一格，只有这一种读法"
)
BY_COLUMNS = (
    "{where}印有{printed}个数字，应有{cells}个单元格，无论怎样分开各数之和都不等于总计；"
    "按各列的勾稽关系只有一种读法，已按此读出，本行总计与各数之和不符"
)
ONE_GROUP_OFF = (
    "{where}印有{printed}个数字，应有{cells}个单元格，无论怎样分开都有总计与各结果之和不符；"
    "只有一种读法使其余两组相符，已按此读出，另一组总计与各结果之和不符"
)
WITHIN_RECEIVED = (
    "{where}印有{printed}个数字，应有{cells}个单元格；满足勾稽关系的读法中，"
    "只有一种各列都不超过该列本年新收与上年结转之和，已按此读出"
)
AGREES_WITH_PROSE = (
    "{where}印有{printed}个数字，应有{cells}个单元格；满足勾稽关系的读法中，"
    "只有一种的总计与正文所述件数相同，已按此读出"
)
UNREPAIRED = (
    "{where}印有{printed}个数字，应有{cells}个单元格，且没有满足勾稽关系的读法；按原文顺序保留"
)
PRINT_ORDER_READ = (
    "表三的数字按列分块印出（从 PDF 复制的文本常见），与行名分开且次序交错；"
    "按每行总计和各列的勾稽关系只有一种排法，已按此读出"
)
PRINT_ORDER_SLIP_READ = (
    "表三的数字按列分块印出（从 PDF 复制的文本常见），与行名分开且次序交错；"
    "除原表一处印错（某格与该行总计相差同一数目）所违反的列勾稽关系外，"
    "只有一种排法使其余关系均成立，已按此读出"
)
PRINT_ORDER_MISPRINT_READ = (
    "表三的数字按列分块印出（从 PDF 复制的文本常见），与行名分开且次序交错；"
    "没有一种排法使每行都合计相符，而除原表一行的总计印错（与该行各格之和不符）外，"
    "只有一种排法使其余各行总计和各列的勾稽关系（该行按各格之和计）均成立，已按此读出"
)
BLOCK_REPAIRED = (
    "{where}的数字与行名分开印出，且与相邻行的数字次序交错；已取唯一使各行都满足勾稽关系的次序"
)
BLOCK_AMBIGUOUS = (
    "{where}的数字与行名分开印出，有{readings}种次序都使各行满足勾稽关系，已取其一，请核对原文"
)
BLOCK_UNPROVEN = (
    "{where}的数字与行名分开印出，没有一种次序使各行都满足勾稽关系，"
    "所在的行和列无法确定，请核对原文"
)
ORDER_ONLY_ROW = (
    "{where}的数字与行名分开印出（或前面没有可辨认的行名），所在行只能按顺序推定；"
    "而表三有缺行、读不通的行或各列勾稽关系不成立，可能错行，请核对原文"
)
ORDER_ONLY_ACTIVE = (
    "{where}的数字与行名分开印出（或前面没有可辨认的行名），表二又没有勾稽关系可以核对，"
    "所在行只能按顺序推定，请核对原文"
)
COLUMN_APART_ACTIVE = (
    "{where}所在项的最后几列与其他列分开印出，已按列名拼回各行；各行数字的先后只能按印出顺序推定，"
    "表二又没有勾稽关系可以核对，请核对原文"
)
ORDER_AMBIGUOUS_ACTIVE = (
    "{where}与同一项下其他行的数字印在一起，逐行读与逐列读都说得通，已按逐行读取，请核对原文"
)
DIVISION_UNPROVEN = (
    "未在原文中找到{where}的分项（1.申请人无正当理由逾期不补正…、2.申请人逾期未按收费通知…、"
    "3.其他）的行名，是否分为三项无法确定，已按三项读取，请核对原文"
)
MISNAMED_ROW = "{where}的数字前印的是另一行的行名，所在行只能按顺序推定，请核对原文"
BLANK_CELL = "（空）"
GLUED_ACTIVE = "{where}印有「{printed}」，应有{cells}个单元格；只有一种读法：{chosen}"
GLUED_ACTIVE_STATED = (
    "{where}印有「{printed}」，应有{cells}个单元格；各种读法中只有一种与正文所述件数相同：{chosen}"
)
GLUED_ACTIVE_AMBIGUOUS = (
    "{where}印有「{printed}」，应有{cells}个单元格；表二没有勾稽关系可以判断，有{readings}种读法，"
    "已取{chosen}，请核对原文"
)
GLUED_ACTIVE_NONE = (
    "{where}印有数字「{printed}」，应有{cells}个单元格，无法拆分成合理的读法；按原文顺序保留，"
    "请核对原文"
)
MISSING_ROW = "未在原文中找到{where}，该行按空白处理"
APPLICATION_ROW = "表三“{label}”行"
ACTIVE_ROW = "表二「{label}」行"
MISSING_TABLE = "未在原文中找到{table}"
COLUMN_ORDER_READ = "{table}各列的印制次序与模板不同，已按表头所示的列名逐列对应读取"
# 表三 is checked row by row, 表四 group by group: the same finding in each one's terms.
TOTAL_ELSEWHERE_ROWS = (
    "{table}填有数字的各行中，过半数的行「总计」列不等于其余各列之和，而另有一列在这些行中都等于"
    "其余各列之和：各列的印制次序可能与模板不同，而表头不足以确定各列的次序，无法确定各数字所属的列，"
    "已按模板次序推定，请核对原文"
)
TOTAL_ELSEWHERE_GROUPS = (
    "{table}填有数字的各组中，过半数的组「总计」不等于本组其余各项之和，而另有一项在这些组中都"
    "等于本组其余各项之和：各列的印制次序可能与模板不同，而表头不足以确定各列的次序，无法确定各数字"
    "所属的列，已按模板次序推定，请核对原文"
)
ROW_ORDER_READ = "{table}各行的印制次序与模板不同，已按各行的行名逐行对应读取"
COLUMN_ORDER_UNPROVEN = (
    "{table}表头所示各列的次序与模板不同，但无法确定各数字所属的列，已按模板次序推定，请核对原文"
)
TABLE_PICTURE = "{table}在原文中是图片，无法读取，按空白处理，请核对原文或改交文字版"
UNREAD_CELL = (
    "{table}第{line}行有单元格印作「{mark}」，无法辨认为数字，按空白处理；涉及该行的勾稽关系"
    "不作为错误，请核对原文"
)
PICTURE_READ = "原文第{number}张图片中的表格已通过文字识别读取，请核对原文"
TEXT_LAYER = "第{page}页的文字层与页面不符（{why}），已按页面图像重新识别，请核对原文"
TEXT_LAYER_WHY = {
    "scan": "扫描件自带的识别文字",
    "broken": "字体编码缺失或错乱，提取出的文字与页面显示不同",
    "digits": "字体的数字编码错乱，提取出的数字与页面显示的数字不同",
    "undrawn": "文字层中的数字在页面上未显示，无法与页面核对",
    "pictures": "表格以图片形式插入，文字层中没有其内容",
}
UNDIVIDED_OTHER = "三（六）其他处理未按2021年格式分为三项，按一行（other）记录"
NEGATIVE_COUNT = (
    "{cell}印为“{printed}”，{noun}不能为负数，请核对原文；涉及该单元格的勾稽关系不作为错误"
)
NEGATIVE_COUNT_REPAIRED = (
    "{cell}印为“{printed}”，{noun}不能为负数；去掉负号后勾稽关系相符，按{value}读取，请核对原文"
)
GLUED_BLANK_MARK = (
    "{cell}的空白标记“-”与下一格的数字相连，形似负号；按空白读取后各行均与版面相符，请核对原文"
)
# What each table's cells count, as a message names it.
COUNT_NOUNS = {"active": "件数", "applications": "申请件数", "appeals": "案件数", "money": "金额"}
UNIT_CONVERTED = "{where}以「元」为单位（{printed}），已换算为{converted}万元"
UNIT_CONVERTED_HEADER = (
    "{where}金额所在列的表头注明单位为「元」，所填{printed}已换算为{converted}万元"
)
UNIT_CONVERTED_CAPTION = "表格上方注明金额单位为「元」，{where}所填{printed}已换算为{converted}万元"
UNIT_UNCLEAR = (
    "{where}金额所在列的表头与表格上方注明的单位不一致（「元」与「万元」），"
    "所填{printed}未换算，按万元读取，请核对原文"
)
TEMPLATE_GUESSED = "表格中未见格式标志，按报告年度推定为{template}年格式"
NO_AGENCY = "未能从标题中识别出机关名称"
NO_YEAR = "未能识别出报告年度"

TABLE_NAMES = {
    "active": "表二（主动公开政府信息情况）",
    "applications": "表三（收到和处理政府信息公开申请情况）",
    "appeals": "表四（政府信息公开行政复议、行政诉讼情况）",
}

# Errors shown at the edge (CLI, later the web).
EMPTY_INPUT = "文件为空"
BINARY_INPUT = "不是文本文件（含有二进制内容）"
UNDECODABLE = "无法识别文本编码（已尝试 UTF-8、UTF-16、GB18030）"
NO_TABLES = "未找到年度报告的统计表（表二、表三、表四均缺失），不像是政府信息公开工作年度报告"
FILE_NOT_FOUND = "文件不存在"
NOT_A_FILE = "不是文件"
PERMISSION = "无权读取该文件"
BAD_JSON = "不是有效的 JSON：{detail}"
BAD_JSON_ENCODING = "不是有效的 JSON：文字编码应为 UTF-8"
LINE_COLUMN = "第{line}行第{column}列"
BAD_REPORT = "不符合年度报告数据格式（{detail}）"
WHOLE_REPORT = "整个报告"
# What pydantic found wrong with a JSON report, by its error type.
MODEL_PROBLEMS = {
    "missing": "缺少该项",
    "extra_forbidden": "格式中没有该项",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "string_type": "应为文字",
    "literal_error": "取值不在允许的范围内",
    "dict_type": "应为对象（键值对）",
    "model_type": "应为对象（键值对）",
    "model_attributes_type": "应为对象（键值对）",
    "list_type": "应为列表",
    "bool_type": "应为 true 或 false",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "too_short": "项数过少",
    "too_long": "项数过多",
    "value_error": "取值不正确",
}
MODEL_PROBLEM_OTHER = "格式不正确"
BAD_DATE = "日期格式应为 YYYY-MM-DD：{value}"

# Working days and deadlines.
CALENDAR_GAP = "{year}年不在工作日历可以计算的范围内（{first}年至{last}年），请检查日期是否写错"
PROVISIONAL_NOTE = (
    "暂定：{years}年的节假日安排尚未录入，按《全国年节及纪念日放假办法》规定的法定节假日推算，"
    "未计调休；国务院办公厅公布当年安排并录入后，期限将重新计算"
)
AT_LINE = "第{line}行：{message}"
NOTICE_YEAR = "年度应在{first}年至{last}年之间，实际为{year}年"
NOTICE_NO_KIND = "“{clause}”中的日期没有写明是放假还是上班（请在日期后写“放假”或“上班”）"
NOTICE_COUNT = "写明共{stated}天，但所列日期共{counted}天"
NOTICE_BACKWARDS = "{start}至{end}：结束日期早于开始日期"
NOTICE_BAD_DATE = "“{text}”不是有效的日期"
NOTICE_WEEKDAY = "{day}是星期{actual}，不是星期{stated}"
NOTICE_BAD_JSON = (
    "JSON 文件中没有{year}年的安排，或格式不对（应为 holidays、workdays 两个日期列表）：{detail}"
)
NOTICE_EMPTY = "没有读到{year}年的任何放假日期"
NOTICE_OTHER_YEAR = "{day}不在{year}年内：跨年的日期请录入到所属年度的安排中"
NOTICE_WEEKDAY_WORK = "{day}是星期{weekday}，本来就是工作日；调休上班的日期应是星期六或星期日"
NOTICE_BOTH = "{day}既列为放假又列为上班"
NOTICE_STATUTORY = "{name}（{day}）是法定节假日，但没有安排放假"
BAD_CALENDAR = "工作日历文件格式不正确：{detail}"
BAD_DAYS = "期限应为正整数个工作日，实际为{days}"
BAD_PAUSE = "暂停期间的结束日期（{end}）早于开始日期（{begin}）"

# Formats.
BAD_HTML = "HTML 页面无法解析，文件可能已损坏"
BAD_ZIP = "文件已损坏（不是完整的 DOCX/XLSX 压缩包）"
UNKNOWN_ZIP = "压缩包中既不是 Word 文档也不是 Excel 工作簿"
BAD_OFD = "OFD 文件已损坏或不完整，无法读取"
OFD_MISSING = "OFD 文件缺少必需的内容：{name}"
OFD_MISSING_PART = "OFD 文件缺少必需的部件：{name}"
OFD_MISSING_RESOURCE = "OFD 文件引用的资源不存在（资源标识 {name}）"
# What GB/T 33190 calls the elements and attributes a reader cannot do without.
OFD_PARTS = {
    "Boundary": "对象的外接矩形",
    "CommonData": "文档公共数据",
    "DocBody": "文档入口",
    "DocRoot": "文档根节点",
    "MediaFile": "多媒体文件位置",
    "PageArea": "页面区域",
    "Pages": "页树",
    "PhysicalBox": "页面物理区域",
    "Size": "字号",
    "X": "文字的横坐标",
    "Y": "文字的纵坐标",
}
OFD_DTD = "OFD 文件的部件中含有文档类型定义（DTD），OFD 文件不应含有，拒绝读取"
OFD_BAD_VALUE = "OFD 文件中有无法识别的数值或指令：{value}"
LEGACY_OFFICE = (
    "这是旧版 Word、Excel、WPS 文件（.doc、.xls、.wps、.et）或加密的文档，无法直接读取；"
    "请另存为 .docx、.xlsx 或 PDF（不加密）后上传"
)
NO_SUCH_PAGE = "原文件没有第{page}页"
BAD_BUNDLE = "压缩包已损坏，无法打开"
ENCRYPTED_ZIP = "压缩包已加密，请提供未加密的文件"
ZIP_METHOD = "压缩包使用了不支持的压缩方式（只接受存储和 Deflate）"
ZIP_SIZE_LIE = "压缩包中的文件实际解压后大于其声明的大小，文件已损坏或被篡改，拒绝读取"
EMPTY_BUNDLE = "压缩包中没有文件"
BAD_DOCX = "Word 文档已损坏或不完整，无法读取"
DOCX_FOREIGN_CHUNK = (
    "Word 文档中有以{kind}嵌入的内容，暂不能直接读取；请用 Word 或 WPS 打开后另存为 DOCX 再上传"
)
BAD_XLSX = "Excel 工作簿已损坏或不完整，无法读取"
UNCALCULATED_FORMULA = (
    "工作表“{sheet}”的{cell}单元格是未经计算的公式（{formula}），无法得知其数值；"
    "请在电子表格软件中打开、重新计算并保存后再上传"
)
BAD_PDF = "PDF 文件已损坏或不完整，无法读取"
ENCRYPTED_PDF = "PDF 已加密，请提供未加密的文件"
NO_CJK_FONT = "系统缺少中文字体（如 fonts-noto-cjk），无法生成 PDF"
UNKNOWN_TARGET = "不支持的输出格式：{target}（可选 html、docx、pdf、xlsx、txt）"
BAD_IMAGE = "图片已损坏或不是 PNG、JPEG、TIFF 格式，无法读取"
NO_PAGE_IMAGES = "该格式没有页面图像，未生成调试图"

# Limits of the readers (gongkai.readers.limits): what each counts, its unit, its scale.
LIMITS = {
    "file_bytes": ("文件大小", "MiB", 1024 * 1024),
    "text_chars": ("文件中的文字", "字", 1),
    "rows": ("一张表格的行数", "行", 1),
    "cells": ("一张表格的单元格数（合并单元格按所占面积计）", "个", 1),
    "span": ("单元格合并的行数或列数", "", 1),
    "number_digits": ("一个数字的位数", "位", 1),
    "depth": ("嵌套层数", "层", 1),
    "pages": ("PDF 或 OFD 文件的页数", "页", 1),
    "ocr_pages": ("PDF 或 OFD 文件中须经文字识别（OCR）读取的页数", "页", 1),
    "page_points": ("PDF 或 OFD 页面的长边", "磅", 1),
    "page_objects": ("PDF 或 OFD 一页上的图形对象、文字及路径段数", "个", 1),
    "pixels": ("图像像素数", "像素", 1),
    "frames": ("图像帧数（页数）", "帧", 1),
    "zip_members": ("压缩包中的文件数", "个", 1),
    "unpacked_bytes": ("压缩包解压后的大小", "MiB", 1024 * 1024),
    "xml_bytes": ("文档中 XML 部件解压后的总大小", "MiB", 1024 * 1024),
}
LINE = "第{line}行"
PAGE = "第{page}页"
OVER_LIMIT = "{what}为{found}{unit}，超过上限{limit}{unit}，拒绝读取"
OVER_LIMIT_UNCOUNTED = "{what}超过上限{limit}{unit}，拒绝读取"
INTERNAL_ERROR = (
    "程序内部错误，未能完成。这是 gongkai 的缺陷，请把所用的文件和命令报告给维护人员"
    "（设置环境变量 GONGKAI_TRACEBACK=1 可显示详细信息）"
)
READ_TIMED_OUT = "读取超过{seconds:g}秒仍未完成，已停止（文件可能过大或结构异常）"
READ_OUT_OF_MEMORY = "读取所需内存超过{mib} MiB，已停止（文件可能过大或结构异常）"
READ_CRASHED = "读取时程序意外中止。这是 gongkai 的缺陷，请把该文件报告给系统维护人员"
UNKNOWN_LIMITS = "没有名为 {names} 的读取限制"
BAD_LIMIT = "读取限制 {name} 应为正整数，实际为“{value}”"
EMPTY_LIMIT = "读取限制 {name} 未填写数值"
LIMIT_TOO_LARGE = "读取限制 {name} 不能大于{most:,}"
UNNAMED_LIMIT = "“{text}”缺少名称"
LIMIT_TWICE = "读取限制 {names} 重复设置，请只保留一处"
BAD_READER_LIMITS = "环境变量 GONGKAI_READER_LIMITS 有误：{problem}"

# The application register
NO_SUCH_STEP = "没有“{action}”这一办理步骤"
STEP_NOT_ALLOWED = "申请当前状态为“{state}”，不能“{step}”"
STEP_BEFORE_START = "办理日期{on}早于答复期限的起算日{start}"
STEP_IN_FUTURE = "办理日期{on}晚于今天（{today}）：办理日期可以是今天或之前的日期，不能是以后的日期"
CORRECTION_ONCE = "本申请已经告知过补正；补正应一次性告知（第三十条），不能再次告知"
CORRECTION_AFTER_EXTENSION = (
    "答复期限已经延长，不能再告知补正（第三十条：收到申请之日起7个工作日内告知）"
)
CORRECTION_TOO_LATE = (
    "告知补正应在收到申请之日起7个工作日内作出（第三十条），即{due}前；办理日期{on}已超过"
)
EXTENDED_ONCE = "答复期限已经延长过一次，不能再次延长（第三十三条第二款）"
STEP_ROLE = "“{step}”须由{roles}办理"
REFUSAL_ON_THE_SPOT = (
    "当场答复只能予以公开；部分公开、不予公开、无法提供、不予处理等答复须书面拟办，"
    "经审核、签发后答复（条例第四十五条）"
)
SIGN_OWN_REVIEW = "审核和签发不能由同一人办理（该申请已由您审核）"
CHOOSE_OUTCOME = "请选择办理结果（年度报告表三中的一项）"
DELIVERY_METHOD = "请写明送达方式（如 邮寄、电子邮件、当面领取）"
CASE_CHANGED = "该申请刚被{who}办理（{step}），现为“{state}”，请查看后重新操作"
ASSIGN_NOT_YOURS = (
    "分办须由审核（公开工作机构负责人）办理；公开专干可以认领未分办的申请，"
    "或将自己承办的申请转交他人"
)
ASSIGN_SAME = "该申请已由{name}承办"
REASON_NEEDED = "请写明{what}的理由"
RECEIVED_OTHER_YEAR = "收到申请日期不能改到其他年度（申请编号按年度发放，本申请为{year}年）"
RECEIVED_AFTER_STEP = "收到申请日期不能晚于已办理步骤的日期（{on}）"
NOTHING_CHANGED = "没有修改任何内容"
ASSIGNEE_NOT_HANDLER = "{name}不是本机关可以办理申请的人员"
CONFIRMED_BEFORE_SUBMITTED = "确认受理的日期不能早于申请人网上提交的日期"
WITHDRAWN_ONLINE = "申请人通过网上查询页面撤回申请"
PUNCT_DOUBLED = "标点重复：“{at}”"
PUNCT_EMPTY = "括号或引号中没有内容：“{at}”"
PUNCT_HALF = "中文中使用了半角标点：“{at}”"
PUNCT_UNPAIRED = "「{opener}」与「{closer}」的数目不一致"
PUNCT_ADDRESSEE = "称呼行应以冒号结尾：“{at}”"
PUNCT_UNFINISHED = "段落没有以句号结尾：“{at}”"
UNFILLED = "有未填写的内容：{name}"
WORDING_AT = "{where}：{problem}"
WORDING_UNPAIRED = "大括号不配对（“{at}”附近）"
WORDING_ODD = "大括号内只写填写项的名称，不能写{shown}"
WORDING_UNKNOWN = "没有“{token}”这一填写项"
WORDING_OTHER_KIND = "“{token}”只能用于{kinds}"
WORDING_REQUIRED = "缺少“{token}”（{what}）"
ANSWER_NO_PROVIDED = "答复书没有写明提供的信息（名称或内容）"
ANSWER_NO_FORM = "答复书没有写明提供信息的形式（如纸质复印件、电子文档）"
ANSWER_NO_WITHHELD = "部分公开的答复书没有写明不予公开的内容"
ANSWER_NO_GROUND = "部分公开的答复书没有写明不予公开部分的理由（表三（三）中的一项）"
ANSWER_NO_REASON = "该办理结果需要写明具体情况（获取途径或处理情况）"
LETTER_NO_CONTACT = "本机关的文书设置中没有联系人或联系电话，文书的附注无法写明"
LETTER_NO_REMEDY = (
    "本机关的文书设置中没有复议机关或管辖法院，答复书的救济途径无法写明向谁申请复议、提起诉讼"
)
LETTER_NO_REASON = "没有写明延期的理由"
LETTER_NO_PAYMENT = "本机关的文书设置中没有缴费方式和收款账户"
LETTER_NO_BASIS = "收费通知没有写明计收方式（按件或按量）"
LETTER_FEE_MISMATCH = "收费金额{amount}元与按国办函〔2020〕109号标准计算的{tariff}元不一致"
BAD_LETTER_TEMPLATE = "文书模板有误（大括号不配对或写法不对）：{detail}"
IN_FORCE = (
    "表二（一）{label}：上年现行有效{previous}件加本年制发{issued}件减本年废止{repealed}件为"
    "{expected}件，但本年现行有效{found}件"
)
IN_FORCE_NOT_CARRIED = (
    "表二（一）现行有效件数：{why}，无法按“上年现行有效件数＋本年制发－本年废止”结转，"
    "现按登记簿中的规章和行政规范性文件统计，可能漏计登记簿建立前制发的文件，请核对"
)
NO_PREVIOUS = "系统中没有{year}年度已公开的年度报告"
PREVIOUS_WITHOUT_IN_FORCE = "{year}年度报告中没有现行有效件数（2019年格式或留空）"
SECTION_MISSING = "缺少第{heading}部分的内容"
REPEATED_PROBLEMS = "第五部分与上年报告的相似度为{ratio}%，请写明本年度的问题和改进"
FEE_AMOUNT = "请填写信息处理费金额（元，按国办函〔2020〕109号计算）"
FEE_HINT = (
    "按件计收参考：该申请人本月第{nth}件，应收{fee}元（国办函〔2020〕109号第四条；按量计收另算）"
)
SPLIT_ITEMS = "请逐行写明拆分后的各项内容（至少两项）"
SPLIT_STATE = "申请当前状态为“{state}”，已进入审核或答复，不能再拆分"
SPLIT_NOTE = "一事一申请：{number}拆分出{parts}"

# The applicant's side, letters' facts and released documents (issue 12).
ID_SHAPE = "18位居民身份证号码应为17位数字加1位数字或X"
ID_BIRTH = "居民身份证号码中的出生日期不正确"
ID_CHECK = "居民身份证号码的校验码不正确，请核对是否有输错的数字"
CREDIT_SHAPE = "18位统一社会信用代码只能包含数字和大写字母（不含I、O、Z、S、V）"
CREDIT_CHECK = "统一社会信用代码的校验码不正确，请核对是否有输错的字符"
REDACT_FORMAT = "只能对 PDF、PNG 或 JPEG 文件作区分处理"
REDACT_BOXES = "遮盖区域的数据不正确，请重新标注"
REDACT_PAGE_SIZE = "第{page}页的尺寸过大，无法处理"
REDACT_PAGES = "文件超过{limit}页，请拆分后再作区分处理"
RELEASE_CLOSED = "申请当前状态为“{state}”，答复已送达，不能再更改公开的信息文件"
RELEASE_TOO_MANY = "每件申请最多上传{limit}个公开的信息文件"
RELEASE_REDACT_WHAT = "请在原件上标注要遮盖的区域（已作区分处理的文件不能再处理）"
RELEASE_TOO_LARGE = "文件超过{limit}MB"
FACTS_TOO_LONG = "“{text}…”超过{limit}个字，请精简"
FACTS_CORRECTION = "请写明需要补正的事项（第三十条：一次性告知）"
FACTS_CORRECTION_DAYS = "补正期限应为1至60个工作日"
FACTS_ADDRESSEE = "请写明征求意见的对象（第三方的姓名或名称，或其他机关的名称）"
FACTS_PARTY = "请选择征求意见的对象是第三方还是其他机关"
FACTS_FEE_KIND = "请选择计收方式：按件或按量"
FACTS_FEE_QUANTITY = "请填写计收的件数或页数（正整数）"
FACTS_GROUND = "请从表三（三）中选择不予公开部分的理由"

# Bulk ingest.
BAD_LIST = "无法读取文件清单（应为 UTF-8 文本，每行一个路径或网址）"
NO_NETWORK = (
    "本机无法连接{host}（{reason}），不能下载清单中的网址；"
    "请在能联网的机器上运行，或先下载文件后按路径导入"
)
URL_FAILED = "下载失败：{reason}"
URL_TOO_LARGE = "下载的文件超过{limit}MB，拒绝读取"
READ_TIMEOUT = "读取超过{seconds}秒仍未完成，已中止"
READER_DIED = "读取时进程异常退出（可能是文件损坏或内存不足）"
READER_FAILED = "读取程序出错，已跳过该文件；请将文件提供给系统维护人员"
OUT_OF_MEMORY = "读取时所需内存超过每个读取进程的上限（--memory）"
OUTPUT_BROKEN = "输出文件已损坏，无法续传：{detail}"
NOTHING_TO_INGEST = "请给出要导入的文件夹、压缩包或文件（或用 --list 给出文件清单）"
INGEST_SUMMARY = (
    "读取{read}份（共{pages}页），已有{known}份，重复{duplicates}份，无法读取{failed}份，"
    "其中{errors}份报告有勾稽错误；用时{seconds}秒（每秒{rate}份）。结果在{folder}"
)
NET_NO_HOST = "无法解析主机名"
NET_TIMEOUT = "连接超时"
NET_REFUSED = "连接被拒绝"
NET_UNREACHABLE = "网络不可达"
HTTP_STATUS = "服务器返回状态码{status}"
COPIES_SUMMARY = "比较了{reports}份报告，发现{pairs}处重复（按部分计）"
EXPORT_SUMMARY = (
    "导出{reports}份报告到{folder}："
    "cells.csv、dictionary.csv、reports.jsonl、reports.parquet、cells.parquet"
)
FILE_LINE = "{path} 第{line}行"
