/** Generated from docutils 0.19 (instrumented Body.build_table); see tables-support.ts. */
import type { Summary } from './tables-support.js';

export const CASES: Record<string, { source: string; expected: Summary }> = {
 "t1": {
  "source": "+---+---+\n| a | b |\n+===+===+\n| c   d |\n+---+---+\n",
  "expected": {
   "tables": [
    {
     "colwidths": [
      3,
      3
     ],
     "head": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "a"
        ],
        "srclines": [
         1
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "b"
        ],
        "srclines": [
         1
        ]
       }
      ]
     ],
     "body": [
      [
       {
        "morerows": 0,
        "morecols": 1,
        "lines": [
         "c   d"
        ],
        "srclines": [
         3
        ]
       }
      ]
     ]
    }
   ],
   "messages": []
  }
 },
 "t2": {
  "source": "+------------------------+------------+----------+----------+\n| Header row, column 1   | Header 2   | Header 3 | Header 4 |\n| (header rows optional) |            |          |          |\n+========================+============+==========+==========+\n| body row 1, column 1   | column 2   | column 3 | column 4 |\n+------------------------+------------+----------+----------+\n| body row 2             | Cells may span columns.          |\n+------------------------+------------+---------------------+\n| body row 3             | Cells may  | - Table cells       |\n+------------------------+ span rows. | - contain           |\n| body row 4             |            | - body elements.    |\n+------------------------+------------+---------------------+\n",
  "expected": {
   "tables": [
    {
     "colwidths": [
      24,
      12,
      10,
      10
     ],
     "head": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "Header row, column 1",
         "(header rows optional)"
        ],
        "srclines": [
         1,
         2
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "Header 2",
         ""
        ],
        "srclines": [
         1,
         2
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "Header 3",
         ""
        ],
        "srclines": [
         1,
         2
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "Header 4",
         ""
        ],
        "srclines": [
         1,
         2
        ]
       }
      ]
     ],
     "body": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "body row 1, column 1"
        ],
        "srclines": [
         4
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "column 2"
        ],
        "srclines": [
         4
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "column 3"
        ],
        "srclines": [
         4
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "column 4"
        ],
        "srclines": [
         4
        ]
       }
      ],
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "body row 2"
        ],
        "srclines": [
         6
        ]
       },
       {
        "morerows": 0,
        "morecols": 2,
        "lines": [
         "Cells may span columns."
        ],
        "srclines": [
         6
        ]
       }
      ],
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "body row 3"
        ],
        "srclines": [
         8
        ]
       },
       {
        "morerows": 1,
        "morecols": 0,
        "lines": [
         "Cells may",
         "span rows.",
         ""
        ],
        "srclines": [
         8,
         9,
         10
        ]
       },
       {
        "morerows": 1,
        "morecols": 1,
        "lines": [
         "- Table cells",
         "- contain",
         "- body elements."
        ],
        "srclines": [
         8,
         9,
         10
        ]
       }
      ],
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "body row 4"
        ],
        "srclines": [
         10
        ]
       }
      ]
     ]
    }
   ],
   "messages": []
  }
 },
 "t3": {
  "source": "=====  =====  ======\n   Inputs     Output\n------------  ------\n  A      B    A or B\n=====  =====  ======\nFalse  False  False\nTrue   False  True\n\nFalse  True   True\n       more\nTrue   True   True\n=====  =====  ======\n\n=====  =====\ncol 1  col 2\n=====  =====\n1      Second column of row 1.\n2      Second column of row 2.\n       Second line of paragraph.\n3      - Second column of row 3.\n\n       - Second item in bullet\n         list (row 3, column 2).\n\\      Row 4; column 1 will be empty.\n=====  =====\n",
  "expected": {
   "tables": [
    {
     "colwidths": [
      5,
      5,
      6
     ],
     "head": [
      [
       {
        "morerows": 0,
        "morecols": 1,
        "lines": [
         "Inputs"
        ],
        "srclines": [
         1
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "Output"
        ],
        "srclines": [
         1
        ]
       }
      ],
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "A"
        ],
        "srclines": [
         3
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "B"
        ],
        "srclines": [
         3
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "A or B"
        ],
        "srclines": [
         3
        ]
       }
      ]
     ],
     "body": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "False"
        ],
        "srclines": [
         5
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "False"
        ],
        "srclines": [
         5
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "False"
        ],
        "srclines": [
         5
        ]
       }
      ],
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "True",
         ""
        ],
        "srclines": [
         6,
         7
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "False",
         ""
        ],
        "srclines": [
         6,
         7
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "True",
         ""
        ],
        "srclines": [
         6,
         7
        ]
       }
      ],
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "False",
         ""
        ],
        "srclines": [
         8,
         9
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "True",
         "more"
        ],
        "srclines": [
         8,
         9
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "True",
         ""
        ],
        "srclines": [
         8,
         9
        ]
       }
      ],
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "True"
        ],
        "srclines": [
         10
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "True"
        ],
        "srclines": [
         10
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "True"
        ],
        "srclines": [
         10
        ]
       }
      ]
     ]
    },
    {
     "colwidths": [
      5,
      30
     ],
     "head": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "col 1"
        ],
        "srclines": [
         14
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "col 2"
        ],
        "srclines": [
         14
        ]
       }
      ]
     ],
     "body": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "1"
        ],
        "srclines": [
         16
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "Second column of row 1."
        ],
        "srclines": [
         16
        ]
       }
      ],
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "2",
         ""
        ],
        "srclines": [
         17,
         18
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "Second column of row 2.",
         "Second line of paragraph."
        ],
        "srclines": [
         17,
         18
        ]
       }
      ],
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "3",
         "",
         "",
         ""
        ],
        "srclines": [
         19,
         20,
         21,
         22
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "- Second column of row 3.",
         "",
         "- Second item in bullet",
         "  list (row 3, column 2)."
        ],
        "srclines": [
         19,
         20,
         21,
         22
        ]
       }
      ],
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "\\"
        ],
        "srclines": [
         23
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "Row 4; column 1 will be empty."
        ],
        "srclines": [
         23
        ]
       }
      ]
     ]
    }
   ],
   "messages": []
  }
 },
 "t4": {
  "source": "Text\n\n=====  =====\na      b\nc  x   d\n=====  =====\n\n+---+---+\n| a | b |\n+---+---+\n| c | d |\n+---+---+\n| e  f  |\nmore\n\n=====  =====\na      b\n======  =====\n\n+--+--+\n|中|a |\n+--+--+\n\n=====  =====\na      b\n\npara\n\n=====  =====\na      b\n=====  =====\nmore\n",
  "expected": {
   "tables": [
    {
     "colwidths": [
      5,
      5
     ],
     "head": [],
     "body": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "a"
        ],
        "srclines": [
         3
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "b"
        ],
        "srclines": [
         3
        ]
       }
      ],
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "c  x"
        ],
        "srclines": [
         4
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "d"
        ],
        "srclines": [
         4
        ]
       }
      ]
     ]
    },
    {
     "colwidths": [
      3,
      3
     ],
     "head": [],
     "body": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "a"
        ],
        "srclines": [
         8
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "b"
        ],
        "srclines": [
         8
        ]
       }
      ],
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "c"
        ],
        "srclines": [
         10
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "d"
        ],
        "srclines": [
         10
        ]
       }
      ]
     ]
    },
    {
     "colwidths": [
      2,
      2
     ],
     "head": [],
     "body": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "中"
        ],
        "srclines": [
         20
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "a"
        ],
        "srclines": [
         20
        ]
       }
      ]
     ]
    },
    {
     "colwidths": [
      5,
      5
     ],
     "head": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "a",
         ""
        ],
        "srclines": [
         24,
         25
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "b",
         ""
        ],
        "srclines": [
         24,
         25
        ]
       }
      ],
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "para",
         ""
        ],
        "srclines": [
         26,
         27
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [],
        "srclines": []
       }
      ]
     ],
     "body": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "a"
        ],
        "srclines": [
         29
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "b"
        ],
        "srclines": [
         29
        ]
       }
      ]
     ]
    }
   ],
   "messages": [
    {
     "level": 2,
     "line": 11,
     "text": "Blank line required after table."
    },
    {
     "level": 3,
     "line": 12,
     "text": "Malformed table."
    },
    {
     "level": 2,
     "line": 14,
     "text": "Blank line required after table."
    },
    {
     "level": 3,
     "line": 16,
     "text": "Malformed table.\nBottom/header table border does not match top border."
    },
    {
     "level": 2,
     "line": 32,
     "text": "Blank line required after table."
    }
   ]
  }
 },
 "t5": {
  "source": "=====  ====\na\tb\tc\n=====  ====\n\n+-----+\n| a   |\n  | b |\n+-----+\n\n+------+----+\n| x    | y  |\n+------+\n\n",
  "expected": {
   "tables": [
    {
     "colwidths": [
      5,
      10
     ],
     "head": [],
     "body": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "a"
        ],
        "srclines": [
         1
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "b       c"
        ],
        "srclines": [
         1
        ]
       }
      ]
     ]
    },
    {
     "colwidths": [],
     "head": [],
     "body": []
    }
   ],
   "messages": [
    {
     "level": 3,
     "line": 7,
     "text": "Unexpected indentation."
    },
    {
     "level": 3,
     "line": 5,
     "text": "Malformed table."
    },
    {
     "level": 2,
     "line": 7,
     "text": "Blank line required after table."
    },
    {
     "level": 3,
     "line": 10,
     "text": "Malformed table."
    }
   ]
  }
 },
 "t6": {
  "source": "=====  =====\na      b\n=====  =====\nx      y\n=====  =====\nz      w\n=====  =====\n\n+-----+-----+\n| a   | b   |\n+=====+=====+\n| c   | d   |\n+=====+=====+\n| e   | f   |\n+-----+-----+\n\n=====  =====  =====\na      b      c\n-----  ------------\nx      y\n=====  =====  =====\n\n=====  =====\na      b\n=====  =====\nx      longer than the column\n=====  =====\n",
  "expected": {
   "tables": [
    {
     "colwidths": [
      5,
      5
     ],
     "head": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "a"
        ],
        "srclines": [
         1
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "b"
        ],
        "srclines": [
         1
        ]
       }
      ]
     ],
     "body": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "x"
        ],
        "srclines": [
         3
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "y"
        ],
        "srclines": [
         3
        ]
       }
      ]
     ]
    },
    {
     "colwidths": [
      5,
      5,
      5
     ],
     "head": [],
     "body": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "a"
        ],
        "srclines": [
         17
        ]
       },
       {
        "morerows": 0,
        "morecols": 1,
        "lines": [
         "b      c"
        ],
        "srclines": [
         17
        ]
       }
      ],
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "x"
        ],
        "srclines": [
         19
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "y"
        ],
        "srclines": [
         19
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [],
        "srclines": []
       }
      ]
     ]
    },
    {
     "colwidths": [
      5,
      22
     ],
     "head": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "a"
        ],
        "srclines": [
         23
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "b"
        ],
        "srclines": [
         23
        ]
       }
      ]
     ],
     "body": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "x"
        ],
        "srclines": [
         25
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "longer than the column"
        ],
        "srclines": [
         25
        ]
       }
      ]
     ]
    }
   ],
   "messages": [
    {
     "level": 2,
     "line": 6,
     "text": "Blank line required after table."
    },
    {
     "level": 3,
     "line": 13,
     "text": "Malformed table.\nMultiple head/body row separators (table lines 3 and 5); only one allowed."
    }
   ]
  }
 },
 "t7": {
  "source": "+------------+-------------+\n| Tab\there | ünïcödé̆ x   |\n+------------+-------------+\n| 中文字符   | x           |\n+------------+-------------+\n\n==========  ==========\ncol\ta\tb\n==========  ==========\n\n=====  =====\na      b\n  x y\n=====  =====\n\n=====  =====  =====\na      b      c\n------------  -----\nx      y\n=====  =====  =====\n\n=====  =====  =====\na      b      c\n------  -----------\nx      y\n=====  =====  =====\n\n=====  =====\na      b\n=====  =====\n=====  =====\n\n=====  =====\na      b\n\n=====  =====\n",
  "expected": {
   "tables": [
    {
     "colwidths": [
      10,
      10
     ],
     "head": [],
     "body": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "col     a"
        ],
        "srclines": [
         7
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "b"
        ],
        "srclines": [
         7
        ]
       }
      ]
     ]
    },
    {
     "colwidths": [
      5,
      5
     ],
     "head": [],
     "body": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "a"
        ],
        "srclines": [
         11
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "b"
        ],
        "srclines": [
         11
        ]
       }
      ],
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "x y"
        ],
        "srclines": [
         12
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [],
        "srclines": []
       }
      ]
     ]
    },
    {
     "colwidths": [
      5,
      5,
      5
     ],
     "head": [],
     "body": [
      [
       {
        "morerows": 0,
        "morecols": 1,
        "lines": [
         "a      b"
        ],
        "srclines": [
         16
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "c"
        ],
        "srclines": [
         16
        ]
       }
      ],
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "x"
        ],
        "srclines": [
         18
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "y"
        ],
        "srclines": [
         18
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [],
        "srclines": []
       }
      ]
     ]
    },
    {
     "colwidths": [
      5,
      5
     ],
     "head": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "a"
        ],
        "srclines": [
         28
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "b"
        ],
        "srclines": [
         28
        ]
       }
      ]
     ],
     "body": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [],
        "srclines": []
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [],
        "srclines": []
       }
      ]
     ]
    },
    {
     "colwidths": [
      5,
      5
     ],
     "head": [],
     "body": [
      [
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "a",
         ""
        ],
        "srclines": [
         33,
         34
        ]
       },
       {
        "morerows": 0,
        "morecols": 0,
        "lines": [
         "b",
         ""
        ],
        "srclines": [
         33,
         34
        ]
       }
      ]
     ]
    }
   ],
   "messages": [
    {
     "level": 3,
     "line": 1,
     "text": "Malformed table."
    },
    {
     "level": 3,
     "line": 23,
     "text": "Malformed table.\nText in column margin in table line 2."
    }
   ]
  }
 }
};
