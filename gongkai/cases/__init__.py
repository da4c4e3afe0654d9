"""The application register's domain (依申请公开), free of any framework: the statutory
procedure (`procedure`), its clock (`clock`), the fees of 国办函〔2020〕109号 (`fees`) and
table 三 of the annual report compiled from cases (`table`)."""
