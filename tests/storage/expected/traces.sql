4|A1|1|职权类别行政处罚，权力重要程度定为4|rules/default.lua:118
4|A1|2|权力重要程度取推定值4|rules/default.lua:365
4|A1|3|职权类别行政处罚，自由裁量权定为5|rules/default.lua:137
4|A1|4|自由裁量权取推定值5|rules/default.lua:365
4|A1|5|发生概率基准2|rules/default.lua:155
4|A1|6|近365天内属实风险信息2条，+2|rules/default.lua:166
4|A1|7|发生概率：推定4，四评一审加权平均10/4≈3，取4|rules/default.lua:369
4|A1|8|岗位层级，危害程度定为2|rules/default.lua:181
4|A1|9|危害程度取推定值2|rules/default.lua:365
4|A1|10|得分 = 3×4 + 2×5 + 2×4 + 3×2 = 36，定为一级|rules/default.lua:387
4|A2|1|职权类别大额资金使用，权力重要程度定为5|rules/default.lua:118
4|A2|2|属三重一大事项，+1|rules/default.lua:121
4|A2|3|涉及资金800万元，不低于100万元，+1|rules/default.lua:125
4|A2|4|权力重要程度取推定值5|rules/default.lua:365
4|A2|5|职权类别大额资金使用，自由裁量权定为4|rules/default.lua:137
4|A2|6|自由裁量权取推定值4|rules/default.lua:365
4|A2|7|发生概率基准2|rules/default.lua:155
4|A2|8|防控措施逾期未落实（完成时限2026-10-01，落实中）：大额支出一律上会研究，+1|rules/default.lua:172
4|A2|9|发生概率取推定值3|rules/default.lua:365
4|A2|10|单位层级，危害程度定为4|rules/default.lua:181
4|A2|11|涉及资金800万元，不低于500万元，+1|rules/default.lua:184
4|A2|12|危害程度取推定值5|rules/default.lua:365
4|A2|13|得分 = 3×5 + 2×4 + 2×3 + 3×5 = 44，定为一级|rules/default.lua:387
4|A3|1|无对应职权，按岗位层级定为2|rules/default.lua:129
4|A3|2|权力重要程度取推定值2|rules/default.lua:365
4|A3|3|无对应职权，自由裁量权定为2|rules/default.lua:140
4|A3|4|自由裁量权取推定值2|rules/default.lua:365
4|A3|5|发生概率基准2|rules/default.lua:155
4|A3|6|近365天内属实风险信息2条，+2|rules/default.lua:166
4|A3|7|发生概率取推定值4|rules/default.lua:365
4|A3|8|岗位层级，危害程度定为2|rules/default.lua:181
4|A3|9|有属实的严重风险信息（2026-11-20 巡视），+1|rules/default.lua:189
4|A3|10|危害程度取推定值3|rules/default.lua:365
4|A3|11|得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级|rules/default.lua:387
4|A4|1|无对应职权，按科室层级定为2|rules/default.lua:129
4|A4|2|权力重要程度：推定2，四评一审加权平均1/1≈1，取2|rules/default.lua:369
4|A4|3|无对应职权，自由裁量权定为2|rules/default.lua:140
4|A4|4|自由裁量权取推定值2|rules/default.lua:365
4|A4|5|发生概率基准2|rules/default.lua:155
4|A4|6|发生概率取推定值2|rules/default.lua:365
4|A4|7|科室层级，危害程度定为3|rules/default.lua:181
4|A4|8|危害程度：推定3，四评一审加权平均17/4≈4，取4|rules/default.lua:369
4|A4|9|得分 = 3×2 + 2×2 + 2×2 + 3×4 = 26，定为二级|rules/default.lua:387
4|A5|1|职权类别行政确认，权力重要程度定为2|rules/default.lua:118
4|A5|2|权力重要程度取推定值2|rules/default.lua:365
4|A5|3|职权类别行政确认，自由裁量权定为2|rules/default.lua:137
4|A5|4|自由裁量权取推定值2|rules/default.lua:365
4|A5|5|发生概率基准2|rules/default.lua:155
4|A5|6|近365天内属实风险信息1条，+1|rules/default.lua:166
4|A5|7|防控措施效果不佳：调解回避制度，+1|rules/default.lua:172
4|A5|8|发生概率取推定值4|rules/default.lua:365
4|A5|9|岗位层级，危害程度定为2|rules/default.lua:181
4|A5|10|有属实的严重风险信息（2026-08-01 信访举报），+1|rules/default.lua:189
4|A5|11|危害程度取推定值3|rules/default.lua:365
4|A5|12|得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级|rules/default.lua:387
4|A6|1|无对应职权，按岗位层级定为2|rules/default.lua:129
4|A6|2|权力重要程度取推定值2|rules/default.lua:365
4|A6|3|无对应职权，自由裁量权定为2|rules/default.lua:140
4|A6|4|自由裁量权取推定值2|rules/default.lua:365
4|A6|5|发生概率基准2|rules/default.lua:155
4|A6|6|发生概率取推定值2|rules/default.lua:365
4|A6|7|岗位层级，危害程度定为2|rules/default.lua:181
4|A6|8|危害程度取推定值2|rules/default.lua:365
4|A6|9|得分 = 3×2 + 2×2 + 2×2 + 3×2 = 20，定为三级|rules/default.lua:387
4|A7|1|无对应职权，按岗位层级定为2|rules/default.lua:129
4|A7|2|权力重要程度取推定值2|rules/default.lua:365
4|A7|3|无对应职权，自由裁量权定为2|rules/default.lua:140
4|A7|4|自由裁量权取推定值2|rules/default.lua:365
4|A7|5|发生概率基准2|rules/default.lua:155
4|A7|6|近365天内属实风险信息1条，+1|rules/default.lua:166
4|A7|7|发生概率取推定值3|rules/default.lua:365
4|A7|8|岗位层级，危害程度定为2|rules/default.lua:181
4|A7|9|危害程度取推定值2|rules/default.lua:365
4|A7|10|得分 = 3×2 + 2×2 + 2×3 + 3×2 = 22，定为三级|rules/default.lua:387
6|A1|1|职权类别行政处罚，权力重要程度定为4|rules/default.lua:118
6|A1|2|权力重要程度取推定值4|rules/default.lua:365
6|A1|3|职权类别行政处罚，自由裁量权定为5|rules/default.lua:137
6|A1|4|自由裁量权取推定值5|rules/default.lua:365
6|A1|5|发生概率基准2|rules/default.lua:155
6|A1|6|近365天内属实风险信息2条，+2|rules/default.lua:166
6|A1|7|发生概率：推定4，四评一审加权平均10/4≈3，取4|rules/default.lua:369
6|A1|8|岗位层级，危害程度定为2|rules/default.lua:181
6|A1|9|危害程度取推定值2|rules/default.lua:365
6|A1|10|得分 = 3×4 + 2×5 + 2×4 + 3×2 = 36，定为一级|rules/default.lua:387
6|A2|1|职权类别大额资金使用，权力重要程度定为5|rules/default.lua:118
6|A2|2|属三重一大事项，+1|rules/default.lua:121
6|A2|3|涉及资金800万元，不低于100万元，+1|rules/default.lua:125
6|A2|4|权力重要程度取推定值5|rules/default.lua:365
6|A2|5|职权类别大额资金使用，自由裁量权定为4|rules/default.lua:137
6|A2|6|自由裁量权取推定值4|rules/default.lua:365
6|A2|7|发生概率基准2|rules/default.lua:155
6|A2|8|防控措施逾期未落实（完成时限2026-10-01，落实中）：大额支出一律上会研究，+1|rules/default.lua:172
6|A2|9|发生概率取推定值3|rules/default.lua:365
6|A2|10|单位层级，危害程度定为4|rules/default.lua:181
6|A2|11|涉及资金800万元，不低于500万元，+1|rules/default.lua:184
6|A2|12|危害程度取推定值5|rules/default.lua:365
6|A2|13|得分 = 3×5 + 2×4 + 2×3 + 3×5 = 44，定为一级|rules/default.lua:387
6|A3|1|无对应职权，按岗位层级定为2|rules/default.lua:129
6|A3|2|权力重要程度取推定值2|rules/default.lua:365
6|A3|3|无对应职权，自由裁量权定为2|rules/default.lua:140
6|A3|4|自由裁量权取推定值2|rules/default.lua:365
6|A3|5|发生概率基准2|rules/default.lua:155
6|A3|6|近365天内属实风险信息2条，+2|rules/default.lua:166
6|A3|7|发生概率取推定值4|rules/default.lua:365
6|A3|8|岗位层级，危害程度定为2|rules/default.lua:181
6|A3|9|有属实的严重风险信息（2026-11-20 巡视），+1|rules/default.lua:189
6|A3|10|危害程度取推定值3|rules/default.lua:365
6|A3|11|得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级|rules/default.lua:387
6|A4|1|无对应职权，按科室层级定为2|rules/default.lua:129
6|A4|2|权力重要程度：推定2，四评一审加权平均1/1≈1，取2|rules/default.lua:369
6|A4|3|无对应职权，自由裁量权定为2|rules/default.lua:140
6|A4|4|自由裁量权取推定值2|rules/default.lua:365
6|A4|5|发生概率基准2|rules/default.lua:155
6|A4|6|发生概率取推定值2|rules/default.lua:365
6|A4|7|科室层级，危害程度定为3|rules/default.lua:181
6|A4|8|危害程度：推定3，四评一审加权平均17/4≈4，取4|rules/default.lua:369
6|A4|9|得分 = 3×2 + 2×2 + 2×2 + 3×4 = 26，定为二级|rules/default.lua:387
6|A5|1|职权类别行政确认，权力重要程度定为2|rules/default.lua:118
6|A5|2|权力重要程度取推定值2|rules/default.lua:365
6|A5|3|职权类别行政确认，自由裁量权定为2|rules/default.lua:137
6|A5|4|自由裁量权取推定值2|rules/default.lua:365
6|A5|5|发生概率基准2|rules/default.lua:155
6|A5|6|近365天内属实风险信息1条，+1|rules/default.lua:166
6|A5|7|防控措施效果不佳：调解回避制度，+1|rules/default.lua:172
6|A5|8|发生概率取推定值4|rules/default.lua:365
6|A5|9|岗位层级，危害程度定为2|rules/default.lua:181
6|A5|10|有属实的严重风险信息（2026-08-01 信访举报），+1|rules/default.lua:189
6|A5|11|危害程度取推定值3|rules/default.lua:365
6|A5|12|得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级|rules/default.lua:387
6|A6|1|无对应职权，按岗位层级定为2|rules/default.lua:129
6|A6|2|权力重要程度取推定值2|rules/default.lua:365
6|A6|3|无对应职权，自由裁量权定为2|rules/default.lua:140
6|A6|4|自由裁量权取推定值2|rules/default.lua:365
6|A6|5|发生概率基准2|rules/default.lua:155
6|A6|6|发生概率取推定值2|rules/default.lua:365
6|A6|7|岗位层级，危害程度定为2|rules/default.lua:181
6|A6|8|危害程度取推定值2|rules/default.lua:365
6|A6|9|得分 = 3×2 + 2×2 + 2×2 + 3×2 = 20，定为三级|rules/default.lua:387
6|A7|1|无对应职权，按岗位层级定为2|rules/default.lua:129
6|A7|2|权力重要程度取推定值2|rules/default.lua:365
6|A7|3|无对应职权，自由裁量权定为2|rules/default.lua:140
6|A7|4|自由裁量权取推定值2|rules/default.lua:365
6|A7|5|发生概率基准2|rules/default.lua:155
6|A7|6|近365天内属实风险信息1条，+1|rules/default.lua:166
6|A7|7|发生概率取推定值3|rules/default.lua:365
6|A7|8|岗位层级，危害程度定为2|rules/default.lua:181
6|A7|9|危害程度取推定值2|rules/default.lua:365
6|A7|10|得分 = 3×2 + 2×2 + 2×3 + 3×2 = 22，定为三级|rules/default.lua:387
9|A1|1|职权类别行政处罚，权力重要程度定为4|rules/default.lua:118
9|A1|2|权力重要程度取推定值4|rules/default.lua:365
9|A1|3|职权类别行政处罚，自由裁量权定为5|rules/default.lua:137
9|A1|4|自由裁量权取推定值5|rules/default.lua:365
9|A1|5|发生概率基准2|rules/default.lua:155
9|A1|6|近365天内属实风险信息2条，+2|rules/default.lua:166
9|A1|7|发生概率：推定4，四评一审加权平均10/4≈3，取4|rules/default.lua:369
9|A1|8|岗位层级，危害程度定为2|rules/default.lua:181
9|A1|9|危害程度取推定值2|rules/default.lua:365
9|A1|10|得分 = 3×4 + 2×5 + 2×4 + 3×2 = 36，定为一级|rules/default.lua:387
9|A2|1|职权类别大额资金使用，权力重要程度定为5|rules/default.lua:118
9|A2|2|属三重一大事项，+1|rules/default.lua:121
9|A2|3|涉及资金800万元，不低于100万元，+1|rules/default.lua:125
9|A2|4|权力重要程度取推定值5|rules/default.lua:365
9|A2|5|职权类别大额资金使用，自由裁量权定为4|rules/default.lua:137
9|A2|6|自由裁量权取推定值4|rules/default.lua:365
9|A2|7|发生概率基准2|rules/default.lua:155
9|A2|8|防控措施逾期未落实（完成时限2026-10-01，落实中）：大额支出一律上会研究，+1|rules/default.lua:172
9|A2|9|发生概率取推定值3|rules/default.lua:365
9|A2|10|单位层级，危害程度定为4|rules/default.lua:181
9|A2|11|涉及资金800万元，不低于500万元，+1|rules/default.lua:184
9|A2|12|危害程度取推定值5|rules/default.lua:365
9|A2|13|得分 = 3×5 + 2×4 + 2×3 + 3×5 = 44，定为一级|rules/default.lua:387
9|A3|1|无对应职权，按岗位层级定为2|rules/default.lua:129
9|A3|2|权力重要程度取推定值2|rules/default.lua:365
9|A3|3|无对应职权，自由裁量权定为2|rules/default.lua:140
9|A3|4|自由裁量权取推定值2|rules/default.lua:365
9|A3|5|发生概率基准2|rules/default.lua:155
9|A3|6|近365天内属实风险信息2条，+2|rules/default.lua:166
9|A3|7|发生概率取推定值4|rules/default.lua:365
9|A3|8|岗位层级，危害程度定为2|rules/default.lua:181
9|A3|9|有属实的严重风险信息（2026-11-20 巡视），+1|rules/default.lua:189
9|A3|10|危害程度取推定值3|rules/default.lua:365
9|A3|11|得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级|rules/default.lua:387
9|A4|1|无对应职权，按科室层级定为2|rules/default.lua:129
9|A4|2|权力重要程度：推定2，四评一审加权平均1/1≈1，取2|rules/default.lua:369
9|A4|3|无对应职权，自由裁量权定为2|rules/default.lua:140
9|A4|4|自由裁量权取推定值2|rules/default.lua:365
9|A4|5|发生概率基准2|rules/default.lua:155
9|A4|6|发生概率取推定值2|rules/default.lua:365
9|A4|7|科室层级，危害程度定为3|rules/default.lua:181
9|A4|8|危害程度：推定3，四评一审加权平均17/4≈4，取4|rules/default.lua:369
9|A4|9|得分 = 3×2 + 2×2 + 2×2 + 3×4 = 26，定为二级|rules/default.lua:387
9|A5|1|职权类别行政确认，权力重要程度定为2|rules/default.lua:118
9|A5|2|权力重要程度取推定值2|rules/default.lua:365
9|A5|3|职权类别行政确认，自由裁量权定为2|rules/default.lua:137
9|A5|4|自由裁量权取推定值2|rules/default.lua:365
9|A5|5|发生概率基准2|rules/default.lua:155
9|A5|6|近365天内属实风险信息1条，+1|rules/default.lua:166
9|A5|7|防控措施效果不佳：调解回避制度，+1|rules/default.lua:172
9|A5|8|发生概率取推定值4|rules/default.lua:365
9|A5|9|岗位层级，危害程度定为2|rules/default.lua:181
9|A5|10|有属实的严重风险信息（2026-08-01 信访举报），+1|rules/default.lua:189
9|A5|11|危害程度取推定值3|rules/default.lua:365
9|A5|12|得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级|rules/default.lua:387
9|A6|1|无对应职权，按岗位层级定为2|rules/default.lua:129
9|A6|2|权力重要程度取推定值2|rules/default.lua:365
9|A6|3|无对应职权，自由裁量权定为2|rules/default.lua:140
9|A6|4|自由裁量权取推定值2|rules/default.lua:365
9|A6|5|发生概率基准2|rules/default.lua:155
9|A6|6|发生概率取推定值2|rules/default.lua:365
9|A6|7|岗位层级，危害程度定为2|rules/default.lua:181
9|A6|8|危害程度取推定值2|rules/default.lua:365
9|A6|9|得分 = 3×2 + 2×2 + 2×2 + 3×2 = 20，定为三级|rules/default.lua:387
9|A7|1|无对应职权，按岗位层级定为2|rules/default.lua:129
9|A7|2|权力重要程度取推定值2|rules/default.lua:365
9|A7|3|无对应职权，自由裁量权定为2|rules/default.lua:140
9|A7|4|自由裁量权取推定值2|rules/default.lua:365
9|A7|5|发生概率基准2|rules/default.lua:155
9|A7|6|近365天内属实风险信息1条，+1|rules/default.lua:166
9|A7|7|发生概率取推定值3|rules/default.lua:365
9|A7|8|岗位层级，危害程度定为2|rules/default.lua:181
9|A7|9|危害程度取推定值2|rules/default.lua:365
9|A7|10|得分 = 3×2 + 2×2 + 2×3 + 3×2 = 22，定为三级|rules/default.lua:387
10|A1|1|职权类别行政处罚，权力重要程度定为4|rules/default.lua:118
10|A1|2|权力重要程度取推定值4|rules/default.lua:365
10|A1|3|职权类别行政处罚，自由裁量权定为5|rules/default.lua:137
10|A1|4|自由裁量权取推定值5|rules/default.lua:365
10|A1|5|发生概率基准2|rules/default.lua:155
10|A1|6|近365天内属实风险信息2条，+2|rules/default.lua:166
10|A1|7|发生概率：推定4，四评一审加权平均10/4≈3，取4|rules/default.lua:369
10|A1|8|岗位层级，危害程度定为2|rules/default.lua:181
10|A1|9|危害程度取推定值2|rules/default.lua:365
10|A1|10|得分 = 3×4 + 2×5 + 2×4 + 3×2 = 36，定为一级|rules/default.lua:387
10|A2|1|职权类别大额资金使用，权力重要程度定为5|rules/default.lua:118
10|A2|2|属三重一大事项，+1|rules/default.lua:121
10|A2|3|涉及资金800万元，不低于100万元，+1|rules/default.lua:125
10|A2|4|权力重要程度取推定值5|rules/default.lua:365
10|A2|5|职权类别大额资金使用，自由裁量权定为4|rules/default.lua:137
10|A2|6|自由裁量权取推定值4|rules/default.lua:365
10|A2|7|发生概率基准2|rules/default.lua:155
10|A2|8|防控措施逾期未落实（完成时限2026-10-01，落实中）：大额支出一律上会研究，+1|rules/default.lua:172
10|A2|9|发生概率取推定值3|rules/default.lua:365
10|A2|10|单位层级，危害程度定为4|rules/default.lua:181
10|A2|11|涉及资金800万元，不低于500万元，+1|rules/default.lua:184
10|A2|12|危害程度取推定值5|rules/default.lua:365
10|A2|13|得分 = 3×5 + 2×4 + 2×3 + 3×5 = 44，定为一级|rules/default.lua:387
10|A3|1|无对应职权，按岗位层级定为2|rules/default.lua:129
10|A3|2|权力重要程度取推定值2|rules/default.lua:365
10|A3|3|无对应职权，自由裁量权定为2|rules/default.lua:140
10|A3|4|自由裁量权取推定值2|rules/default.lua:365
10|A3|5|发生概率基准2|rules/default.lua:155
10|A3|6|近365天内属实风险信息2条，+2|rules/default.lua:166
10|A3|7|发生概率取推定值4|rules/default.lua:365
10|A3|8|岗位层级，危害程度定为2|rules/default.lua:181
10|A3|9|有属实的严重风险信息（2026-11-20 巡视），+1|rules/default.lua:189
10|A3|10|危害程度取推定值3|rules/default.lua:365
10|A3|11|得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级|rules/default.lua:387
10|A4|1|无对应职权，按科室层级定为2|rules/default.lua:129
10|A4|2|权力重要程度：推定2，四评一审加权平均1/1≈1，取2|rules/default.lua:369
10|A4|3|无对应职权，自由裁量权定为2|rules/default.lua:140
10|A4|4|自由裁量权取推定值2|rules/default.lua:365
10|A4|5|发生概率基准2|rules/default.lua:155
10|A4|6|发生概率取推定值2|rules/default.lua:365
10|A4|7|科室层级，危害程度定为3|rules/default.lua:181
10|A4|8|危害程度：推定3，四评一审加权平均17/4≈4，取4|rules/default.lua:369
10|A4|9|得分 = 3×2 + 2×2 + 2×2 + 3×4 = 26，定为二级|rules/default.lua:387
10|A5|1|职权类别行政确认，权力重要程度定为2|rules/default.lua:118
10|A5|2|权力重要程度取推定值2|rules/default.lua:365
10|A5|3|职权类别行政确认，自由裁量权定为2|rules/default.lua:137
10|A5|4|自由裁量权取推定值2|rules/default.lua:365
10|A5|5|发生概率基准2|rules/default.lua:155
10|A5|6|近365天内属实风险信息1条，+1|rules/default.lua:166
10|A5|7|防控措施效果不佳：调解回避制度，+1|rules/default.lua:172
10|A5|8|发生概率取推定值4|rules/default.lua:365
10|A5|9|岗位层级，危害程度定为2|rules/default.lua:181
10|A5|10|有属实的严重风险信息（2026-08-01 信访举报），+1|rules/default.lua:189
10|A5|11|危害程度取推定值3|rules/default.lua:365
10|A5|12|得分 = 3×2 + 2×2 + 2×4 + 3×3 = 27，定为二级|rules/default.lua:387
10|A6|1|无对应职权，按岗位层级定为2|rules/default.lua:129
10|A6|2|权力重要程度取推定值2|rules/default.lua:365
10|A6|3|无对应职权，自由裁量权定为2|rules/default.lua:140
10|A6|4|自由裁量权取推定值2|rules/default.lua:365
10|A6|5|发生概率基准2|rules/default.lua:155
10|A6|6|发生概率取推定值2|rules/default.lua:365
10|A6|7|岗位层级，危害程度定为2|rules/default.lua:181
10|A6|8|危害程度取推定值2|rules/default.lua:365
10|A6|9|得分 = 3×2 + 2×2 + 2×2 + 3×2 = 20，定为三级|rules/default.lua:387
10|A7|1|无对应职权，按岗位层级定为2|rules/default.lua:129
10|A7|2|权力重要程度取推定值2|rules/default.lua:365
10|A7|3|无对应职权，自由裁量权定为2|rules/default.lua:140
10|A7|4|自由裁量权取推定值2|rules/default.lua:365
10|A7|5|发生概率基准2|rules/default.lua:155
10|A7|6|近365天内属实风险信息1条，+1|rules/default.lua:166
10|A7|7|发生概率取推定值3|rules/default.lua:365
10|A7|8|岗位层级，危害程度定为2|rules/default.lua:181
10|A7|9|危害程度取推定值2|rules/default.lua:365
10|A7|10|得分 = 3×2 + 2×2 + 2×3 + 3×2 = 22，定为三级|rules/default.lua:387
