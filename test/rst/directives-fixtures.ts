/** Generated with scripts/oracle.py (docutils 0.19, Sphinx/kernel placeholders): final trees and messages. */
import type { JsonMessage, JsonNode } from '../../src/rst/doctree-json.js';

export const DIRECTIVE_CASES: Record<string, { source: string; tree: JsonNode; messages: JsonMessage[] }> = {
 "adm": {
  "source": ".. note:: Hello *there*\n\n   Body.\n\n.. Note::\n\n   Capital.\n\n.. WARNING:: shout\n\n.. attention::\n   :class: special big\n   :name: my-attn\n\n   Look.\n\n.. admonition:: My *Title* here\n\n   Generic.\n\n.. admonition:: Classy\n   :class: foo\n\n   x\n\n.. tip::\n\n.. note::\n   :foo: bar\n\n   y\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Hello "
        },
        {
         "children": [
          {
           "type": "text",
           "value": "there"
          }
         ],
         "type": "emphasis"
        }
       ],
       "type": "paragraph"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "Body."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "note"
    },
    {
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Capital."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "note"
    },
    {
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "shout"
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "warning"
    },
    {
     "attributes": {
      "classes": [
       "special",
       "big"
      ],
      "ids": [
       "my-attn"
      ],
      "names": [
       "my-attn"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Look."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "attention"
    },
    {
     "attributes": {
      "classes": [
       "admonition-my-title-here"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "My "
        },
        {
         "children": [
          {
           "type": "text",
           "value": "Title"
          }
         ],
         "type": "emphasis"
        },
        {
         "type": "text",
         "value": " here"
        }
       ],
       "type": "title"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "Generic."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "admonition"
    },
    {
     "attributes": {
      "classes": [
       "foo"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Classy"
        }
       ],
       "type": "title"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "x"
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "admonition"
    },
    {
     "attributes": {
      "level": 3,
      "type": "ERROR"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Content block expected for the \"tip\" directive; none found."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. tip::\n"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    },
    {
     "attributes": {
      "level": 3,
      "type": "ERROR"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Error in \"note\" directive:\nunknown option: \"foo\"."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. note::\n   :foo: bar\n\n   y"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 3,
    "line": 26,
    "phase": "parse",
    "text": "Content block expected for the \"tip\" directive; none found.",
    "type": "ERROR"
   },
   {
    "level": 3,
    "line": 28,
    "phase": "parse",
    "text": "Error in \"note\" directive:\nunknown option: \"foo\".",
    "type": "ERROR"
   }
  ]
 },
 "sphinx": {
  "source": ".. code-block:: c\n   :caption: An example\n\n   int x;\n\n     indented\n\n.. code-block::\n\n   plain\n\n.. code:: shell\n\n   ls\n\n.. sourcecode:: python\n\n   pass\n\n.. highlight:: none\n\n.. math::\n\n   a^2 + b^2\n\n.. toctree::\n   :maxdepth: 2\n   :glob:\n\n   intro\n   Foo <bar>\n   sub/*\n\n.. kernel-doc:: include/linux/mm.h\n   :functions: vm_insert_page\n\n.. tabularcolumns:: |p{1cm}|p{2cm}|\n\n.. seealso::\n\n   Other *things*.\n\n.. c:function:: int foo(int a,\n                        int b)\n\n   Does foo.\n\n   :param a: first\n\n.. c:macro:: BAR\n\n.. c:type:: struct baz\n\n.. c:namespace:: MM\n\n.. only:: html\n\n   Only paragraph.\n\n.. ifconfig:: x\n\n   Conf.\n\n.. cssclass:: longtable\n\n.. flat-table:: Caption\n   :header-rows: 1\n\n   * - :cspan:`1` a\n     - b\n\n.. kernel-figure:: foo.svg\n   :alt: Foo\n\n   Caption text.\n\n.. versionadded:: 4.2\n   Something.\n\n.. glossary::\n\n   term\n      definition\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "arguments": [
       "c"
      ],
      "name": "code-block",
      "options": {
       "caption": "An example"
      }
     },
     "children": [
      {
       "type": "text",
       "value": "int x;\n\n  indented"
      }
     ],
     "type": "code-block"
    },
    {
     "attributes": {
      "name": "code-block"
     },
     "children": [
      {
       "type": "text",
       "value": "plain"
      }
     ],
     "type": "code-block"
    },
    {
     "attributes": {
      "arguments": [
       "shell"
      ],
      "name": "code"
     },
     "children": [
      {
       "type": "text",
       "value": "ls"
      }
     ],
     "type": "code"
    },
    {
     "attributes": {
      "arguments": [
       "python"
      ],
      "name": "sourcecode"
     },
     "children": [
      {
       "type": "text",
       "value": "pass"
      }
     ],
     "type": "sourcecode"
    },
    {
     "attributes": {
      "arguments": [
       "none"
      ],
      "name": "highlight"
     },
     "type": "highlight"
    },
    {
     "attributes": {
      "name": "math"
     },
     "children": [
      {
       "type": "text",
       "value": "a^2 + b^2"
      }
     ],
     "type": "math"
    },
    {
     "attributes": {
      "name": "toctree",
      "options": {
       "glob": "",
       "maxdepth": "2"
      }
     },
     "children": [
      {
       "type": "text",
       "value": "intro\nFoo <bar>\nsub/*"
      }
     ],
     "type": "toctree"
    },
    {
     "attributes": {
      "arguments": [
       "include/linux/mm.h"
      ],
      "name": "kernel-doc",
      "options": {
       "functions": "vm_insert_page"
      }
     },
     "type": "kernel-doc"
    },
    {
     "attributes": {
      "arguments": [
       "|p{1cm}|p{2cm}|"
      ],
      "name": "tabularcolumns"
     },
     "type": "tabularcolumns"
    },
    {
     "attributes": {
      "name": "seealso"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Other "
        },
        {
         "children": [
          {
           "type": "text",
           "value": "things"
          }
         ],
         "type": "emphasis"
        },
        {
         "type": "text",
         "value": "."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "seealso"
    },
    {
     "attributes": {
      "arguments": [
       "int foo(int a,\n                     int b)"
      ],
      "name": "c:function"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Does foo."
        }
       ],
       "type": "paragraph"
      },
      {
       "children": [
        {
         "children": [
          {
           "children": [
            {
             "type": "text",
             "value": "param a"
            }
           ],
           "type": "field_name"
          },
          {
           "children": [
            {
             "children": [
              {
               "type": "text",
               "value": "first"
              }
             ],
             "type": "paragraph"
            }
           ],
           "type": "field_body"
          }
         ],
         "type": "field"
        }
       ],
       "type": "field_list"
      }
     ],
     "type": "c:function"
    },
    {
     "attributes": {
      "arguments": [
       "BAR"
      ],
      "name": "c:macro"
     },
     "type": "c:macro"
    },
    {
     "attributes": {
      "arguments": [
       "struct baz"
      ],
      "name": "c:type"
     },
     "type": "c:type"
    },
    {
     "attributes": {
      "arguments": [
       "MM"
      ],
      "name": "c:namespace"
     },
     "type": "c:namespace"
    },
    {
     "attributes": {
      "arguments": [
       "html"
      ],
      "name": "only"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Only paragraph."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "only"
    },
    {
     "attributes": {
      "arguments": [
       "x"
      ],
      "name": "ifconfig"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Conf."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "ifconfig"
    },
    {
     "attributes": {
      "arguments": [
       "longtable"
      ],
      "name": "cssclass"
     },
     "type": "cssclass"
    },
    {
     "attributes": {
      "arguments": [
       "Caption"
      ],
      "name": "flat-table",
      "options": {
       "header-rows": "1"
      }
     },
     "children": [
      {
       "attributes": {
        "bullet": "*"
       },
       "children": [
        {
         "children": [
          {
           "attributes": {
            "bullet": "-"
           },
           "children": [
            {
             "children": [
              {
               "children": [
                {
                 "attributes": {
                  "role": "cspan",
                  "text": "1"
                 },
                 "children": [
                  {
                   "type": "text",
                   "value": "1"
                  }
                 ],
                 "type": "cspan"
                },
                {
                 "type": "text",
                 "value": " a"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "list_item"
            },
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "b"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "list_item"
            }
           ],
           "type": "bullet_list"
          }
         ],
         "type": "list_item"
        }
       ],
       "type": "bullet_list"
      }
     ],
     "type": "flat-table"
    },
    {
     "attributes": {
      "arguments": [
       "foo.svg"
      ],
      "name": "kernel-figure",
      "options": {
       "alt": "Foo"
      }
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Caption text."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "kernel-figure"
    },
    {
     "attributes": {
      "arguments": [
       "4.2\nSomething."
      ],
      "name": "versionadded"
     },
     "type": "versionadded"
    },
    {
     "attributes": {
      "name": "glossary"
     },
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "children": [
            {
             "type": "text",
             "value": "term"
            }
           ],
           "type": "term"
          },
          {
           "children": [
            {
             "children": [
              {
               "type": "text",
               "value": "definition"
              }
             ],
             "type": "paragraph"
            }
           ],
           "type": "definition"
          }
         ],
         "type": "definition_list_item"
        }
       ],
       "type": "definition_list"
      }
     ],
     "type": "glossary"
    }
   ],
   "type": "document"
  },
  "messages": []
 },
 "tables": {
  "source": ".. list-table:: Title *here*\n   :header-rows: 1\n   :widths: 1 2\n\n   * - A\n     - B\n   * - 1\n     - 2\n\n.. list-table::\n\n   * - A\n   * - B\n     - C\n\n.. list-table::\n\n   - not a list\n     of lists\n\n.. list-table::\n   :header-rows: x\n\n   * - a\n\n.. list-table::\n   :header-rows: 2\n\n   * - a\n\n.. csv-table:: CSV\n   :header: \"Name\", \"Value\"\n   :widths: 10, 20\n\n   \"a, b\", 1\n   c, \"d \"\"e\"\"\"\n\n.. csv-table::\n\n   \"unclosed, 1\n\n.. table:: Truth\n   :widths: 1 2\n   :align: center\n\n   =====  =====\n   A      B\n   =====  =====\n   1      2\n   =====  =====\n\n.. table::\n\n   Not a table.\n\n.. table::\n\n.. csv-table::\n   :file: foo.csv\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "classes": [
       "colwidths-given"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Title "
        },
        {
         "children": [
          {
           "type": "text",
           "value": "here"
          }
         ],
         "type": "emphasis"
        }
       ],
       "type": "title"
      },
      {
       "attributes": {
        "cols": 2
       },
       "children": [
        {
         "attributes": {
          "colwidth": 1
         },
         "type": "colspec"
        },
        {
         "attributes": {
          "colwidth": 2
         },
         "type": "colspec"
        },
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "A"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            },
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "B"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            }
           ],
           "type": "row"
          }
         ],
         "type": "thead"
        },
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "1"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            },
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "2"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            }
           ],
           "type": "row"
          }
         ],
         "type": "tbody"
        }
       ],
       "type": "tgroup"
      }
     ],
     "type": "table"
    },
    {
     "attributes": {
      "level": 3,
      "type": "ERROR"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Error parsing content block for the \"list-table\" directive: uniform two-level bullet list expected, but row 2 does not contain the same number of items as row 1 (2 vs 1)."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. list-table::\n\n   * - A\n   * - B\n     - C\n"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    },
    {
     "attributes": {
      "level": 3,
      "type": "ERROR"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Error parsing content block for the \"list-table\" directive: two-level bullet list expected, but row 1 does not contain a second-level bullet list."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. list-table::\n\n   - not a list\n     of lists\n"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    },
    {
     "attributes": {
      "level": 3,
      "type": "ERROR"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Error in \"list-table\" directive:\ninvalid option value: (option: \"header-rows\"; value: 'x')\ninvalid literal for int() with base 10: 'x'."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. list-table::\n   :header-rows: x\n\n   * - a\n"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    },
    {
     "attributes": {
      "level": 3,
      "type": "ERROR"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "2 header row(s) specified but only 1 row(s) of data supplied (\"list-table\" directive)."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. list-table::\n   :header-rows: 2\n\n   * - a\n"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    },
    {
     "attributes": {
      "classes": [
       "colwidths-given"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "CSV"
        }
       ],
       "type": "title"
      },
      {
       "attributes": {
        "cols": 2
       },
       "children": [
        {
         "attributes": {
          "colwidth": 10
         },
         "type": "colspec"
        },
        {
         "attributes": {
          "colwidth": 20
         },
         "type": "colspec"
        },
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "Name"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            },
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "Value"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            }
           ],
           "type": "row"
          }
         ],
         "type": "thead"
        },
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "a, b"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            },
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "1"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            }
           ],
           "type": "row"
          },
          {
           "children": [
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "c"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            },
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "d \"e\""
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            }
           ],
           "type": "row"
          }
         ],
         "type": "tbody"
        }
       ],
       "type": "tgroup"
      }
     ],
     "type": "table"
    },
    {
     "attributes": {
      "level": 3,
      "type": "ERROR"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Error with CSV data in \"csv-table\" directive:\nunexpected end of data"
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. csv-table::\n\n   \"unclosed, 1\n"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    },
    {
     "attributes": {
      "align": "center",
      "classes": [
       "colwidths-given"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Truth"
        }
       ],
       "type": "title"
      },
      {
       "attributes": {
        "cols": 2
       },
       "children": [
        {
         "attributes": {
          "colwidth": 1
         },
         "type": "colspec"
        },
        {
         "attributes": {
          "colwidth": 2
         },
         "type": "colspec"
        },
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "A"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            },
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "B"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            }
           ],
           "type": "row"
          }
         ],
         "type": "thead"
        },
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "1"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            },
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "2"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            }
           ],
           "type": "row"
          }
         ],
         "type": "tbody"
        }
       ],
       "type": "tgroup"
      }
     ],
     "type": "table"
    },
    {
     "attributes": {
      "level": 3,
      "type": "ERROR"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Error parsing content block for the \"table\" directive: exactly one table expected."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. table::\n\n   Not a table.\n"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    },
    {
     "attributes": {
      "level": 2,
      "type": "WARNING"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Content block expected for the \"table\" directive; none found."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. table::\n"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    },
    {
     "attributes": {
      "level": 4,
      "type": "SEVERE"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Problems with \"csv-table\" directive path:\n[Errno 2] No such file or directory: 'foo.csv'."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. csv-table::\n   :file: foo.csv"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 3,
    "line": 10,
    "phase": "parse",
    "text": "Error parsing content block for the \"list-table\" directive: uniform two-level bullet list expected, but row 2 does not contain the same number of items as row 1 (2 vs 1).",
    "type": "ERROR"
   },
   {
    "level": 3,
    "line": 16,
    "phase": "parse",
    "text": "Error parsing content block for the \"list-table\" directive: two-level bullet list expected, but row 1 does not contain a second-level bullet list.",
    "type": "ERROR"
   },
   {
    "level": 3,
    "line": 21,
    "phase": "parse",
    "text": "Error in \"list-table\" directive:\ninvalid option value: (option: \"header-rows\"; value: 'x')\ninvalid literal for int() with base 10: 'x'.",
    "type": "ERROR"
   },
   {
    "level": 3,
    "line": 26,
    "phase": "parse",
    "text": "2 header row(s) specified but only 1 row(s) of data supplied (\"list-table\" directive).",
    "type": "ERROR"
   },
   {
    "level": 3,
    "line": 38,
    "phase": "parse",
    "text": "Error with CSV data in \"csv-table\" directive:\nunexpected end of data",
    "type": "ERROR"
   },
   {
    "level": 3,
    "line": 52,
    "phase": "parse",
    "text": "Error parsing content block for the \"table\" directive: exactly one table expected.",
    "type": "ERROR"
   },
   {
    "level": 2,
    "line": 56,
    "phase": "parse",
    "text": "Content block expected for the \"table\" directive; none found.",
    "type": "WARNING"
   },
   {
    "level": 4,
    "line": 58,
    "phase": "parse",
    "text": "Problems with \"csv-table\" directive path:\n[Errno 2] No such file or directory: 'foo.csv'.",
    "type": "SEVERE"
   }
  ]
 },
 "body": {
  "source": "Title\n=====\n\n.. image:: foo.png\n   :alt: Foo\n   :width: 50%\n   :align: center\n\n.. image:: bar.png\n   :align: top\n\n.. figure:: fig.png\n   :figwidth: 300\n   :figclass: wide\n\n   A caption with *emphasis*.\n\n   Legend para.\n\n.. rubric:: A rubric\n\n.. epigraph::\n\n   Wise words.\n\n.. compound::\n\n   Para one.\n\n   Para two.\n\n.. container:: foo bar\n\n   In container.\n\n.. topic:: Topic title\n\n   Topic body.\n\n.. sidebar:: Side\n   :subtitle: Sub\n\n   Side body.\n\n.. line-block::\n\n   line one\n      indented two\n   line three\n\n.. parsed-literal::\n\n   some *literal* text\n\n.. raw:: html\n\n   <b>hi</b>\n\n.. include:: missing-file.rst\n\n.. |rep| replace:: replaced *text*\n\n.. container::\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "ids": [
       "title"
      ],
      "names": [
       "title"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Title"
        }
       ],
       "type": "title"
      },
      {
       "attributes": {
        "align": "center",
        "alt": "Foo",
        "uri": "foo.png",
        "width": "50%"
       },
       "type": "image"
      },
      {
       "attributes": {
        "level": 3,
        "type": "ERROR"
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Error in \"image\" directive: \"top\" is not a valid value for the \"align\" option.  Valid values for \"align\" are: \"left\", \"center\", \"right\"."
          }
         ],
         "type": "paragraph"
        },
        {
         "attributes": {
          "xml:space": "preserve"
         },
         "children": [
          {
           "type": "text",
           "value": ".. image:: bar.png\n   :align: top\n"
          }
         ],
         "type": "literal_block"
        }
       ],
       "type": "system_message"
      },
      {
       "attributes": {
        "classes": [
         "wide"
        ],
        "width": "300px"
       },
       "children": [
        {
         "attributes": {
          "uri": "fig.png"
         },
         "type": "image"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "A caption with "
          },
          {
           "children": [
            {
             "type": "text",
             "value": "emphasis"
            }
           ],
           "type": "emphasis"
          },
          {
           "type": "text",
           "value": "."
          }
         ],
         "type": "caption"
        },
        {
         "children": [
          {
           "children": [
            {
             "type": "text",
             "value": "Legend para."
            }
           ],
           "type": "paragraph"
          }
         ],
         "type": "legend"
        }
       ],
       "type": "figure"
      },
      {
       "children": [
        {
         "type": "text",
         "value": "A rubric"
        }
       ],
       "type": "rubric"
      },
      {
       "attributes": {
        "classes": [
         "epigraph"
        ]
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Wise words."
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "block_quote"
      },
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Para one."
          }
         ],
         "type": "paragraph"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "Para two."
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "compound"
      },
      {
       "attributes": {
        "classes": [
         "foo",
         "bar"
        ]
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "In container."
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "container"
      },
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Topic title"
          }
         ],
         "type": "title"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "Topic body."
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "topic"
      },
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Side"
          }
         ],
         "type": "title"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "Sub"
          }
         ],
         "type": "subtitle"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "Side body."
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "sidebar"
      },
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "line one"
          }
         ],
         "type": "line"
        },
        {
         "children": [
          {
           "children": [
            {
             "type": "text",
             "value": "indented two"
            }
           ],
           "type": "line"
          }
         ],
         "type": "line_block"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "line three"
          }
         ],
         "type": "line"
        }
       ],
       "type": "line_block"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": "some "
        },
        {
         "children": [
          {
           "type": "text",
           "value": "literal"
          }
         ],
         "type": "emphasis"
        },
        {
         "type": "text",
         "value": " text"
        }
       ],
       "type": "literal_block"
      },
      {
       "attributes": {
        "format": "html",
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": "<b>hi</b>"
        }
       ],
       "type": "raw"
      },
      {
       "attributes": {
        "level": 4,
        "type": "SEVERE"
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Problems with \"include\" directive path:\nInputError: [Errno 2] No such file or directory: 'missing-file.rst'."
          }
         ],
         "type": "paragraph"
        },
        {
         "attributes": {
          "xml:space": "preserve"
         },
         "children": [
          {
           "type": "text",
           "value": ".. include:: missing-file.rst\n"
          }
         ],
         "type": "literal_block"
        }
       ],
       "type": "system_message"
      },
      {
       "attributes": {
        "names": [
         "rep"
        ]
       },
       "children": [
        {
         "type": "text",
         "value": "replaced "
        },
        {
         "children": [
          {
           "type": "text",
           "value": "text"
          }
         ],
         "type": "emphasis"
        }
       ],
       "type": "substitution_definition"
      },
      {
       "attributes": {
        "level": 3,
        "type": "ERROR"
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Content block expected for the \"container\" directive; none found."
          }
         ],
         "type": "paragraph"
        },
        {
         "attributes": {
          "xml:space": "preserve"
         },
         "children": [
          {
           "type": "text",
           "value": ".. container::"
          }
         ],
         "type": "literal_block"
        }
       ],
       "type": "system_message"
      }
     ],
     "type": "section"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 3,
    "line": 9,
    "phase": "parse",
    "text": "Error in \"image\" directive: \"top\" is not a valid value for the \"align\" option.  Valid values for \"align\" are: \"left\", \"center\", \"right\".",
    "type": "ERROR"
   },
   {
    "level": 4,
    "line": 59,
    "phase": "parse",
    "text": "Problems with \"include\" directive path:\nInputError: [Errno 2] No such file or directory: 'missing-file.rst'.",
    "type": "SEVERE"
   },
   {
    "level": 3,
    "line": 63,
    "phase": "parse",
    "text": "Content block expected for the \"container\" directive; none found.",
    "type": "ERROR"
   }
  ]
 },
 "role": {
  "source": ".. role:: custom\n\n.. role:: raw-html(raw)\n   :format: html\n\n.. role:: bad(nosuch)\n\nText :custom:`x` and :raw-html:`<b>`.\n\n.. role:: 1bad\n\n.. role::\n\n   late\n\n.. role:: weird(emphasis)\n   :foo: bar\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "level": 1,
      "type": "INFO"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "No role entry for \"nosuch\" in module \"docutils.parsers.rst.languages.en\".\nTrying \"nosuch\" as canonical role name."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "system_message"
    },
    {
     "attributes": {
      "level": 3,
      "type": "ERROR"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Unknown interpreted text role \"nosuch\"."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. role:: bad(nosuch)\n"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "Text "
      },
      {
       "attributes": {
        "classes": [
         "custom"
        ]
       },
       "children": [
        {
         "type": "text",
         "value": "x"
        }
       ],
       "type": "inline"
      },
      {
       "type": "text",
       "value": " and "
      },
      {
       "attributes": {
        "classes": [
         "raw-html"
        ],
        "format": "html",
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": "<b>"
        }
       ],
       "type": "raw"
      },
      {
       "type": "text",
       "value": "."
      }
     ],
     "type": "paragraph"
    },
    {
     "attributes": {
      "level": 3,
      "type": "ERROR"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "\"role\" directive requires arguments on the first line."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. role::\n\n   late\n"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    },
    {
     "attributes": {
      "level": 3,
      "type": "ERROR"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Error in \"role\" directive:\nunknown option: \"foo\"."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. role:: weird(emphasis)\n   :foo: bar"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 1,
    "line": 6,
    "phase": "parse",
    "text": "No role entry for \"nosuch\" in module \"docutils.parsers.rst.languages.en\".\nTrying \"nosuch\" as canonical role name.",
    "type": "INFO"
   },
   {
    "level": 3,
    "line": 6,
    "phase": "parse",
    "text": "Unknown interpreted text role \"nosuch\".",
    "type": "ERROR"
   },
   {
    "level": 3,
    "line": 12,
    "phase": "parse",
    "text": "\"role\" directive requires arguments on the first line.",
    "type": "ERROR"
   },
   {
    "level": 3,
    "line": 16,
    "phase": "parse",
    "text": "Error in \"role\" directive:\nunknown option: \"foo\".",
    "type": "ERROR"
   }
  ]
 },
 "incl": {
  "source": "Main\n====\n\n.. include:: sub/part.rst\n\n.. include:: sub/part.rst\n   :start-after: .. START\n   :end-before: .. END\n\n.. include:: sub/part.rst\n   :start-line: 3\n   :end-line: 5\n\n.. include:: sub/part.rst\n   :literal:\n\n.. include:: sub/part.rst\n   :code: rst\n   :start-line: 3\n   :end-line: 4\n\n.. include:: sub/part.rst\n   :start-after: NOPE\n\n.. include:: <isonum.txt>\n\n|copy| end\n",
  "tree": {
   "children": [
    {
     "attributes": {
      "ids": [
       "main"
      ],
      "names": [
       "main"
      ]
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Main"
        }
       ],
       "type": "title"
      },
      {
       "attributes": {
        "ids": [
         "included-title"
        ],
        "names": [
         "included title"
        ]
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Included title"
          }
         ],
         "type": "title"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "line A"
          }
         ],
         "type": "paragraph"
        },
        {
         "attributes": {
          "xml:space": "preserve"
         },
         "children": [
          {
           "type": "text",
           "value": "START"
          }
         ],
         "type": "comment"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "line B"
          }
         ],
         "type": "paragraph"
        },
        {
         "attributes": {
          "xml:space": "preserve"
         },
         "children": [
          {
           "type": "text",
           "value": "END"
          }
         ],
         "type": "comment"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "line C"
          }
         ],
         "type": "paragraph"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "line B"
          }
         ],
         "type": "paragraph"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "line A"
          }
         ],
         "type": "paragraph"
        },
        {
         "attributes": {
          "xml:space": "preserve"
         },
         "children": [
          {
           "type": "text",
           "value": "Included title\n--------------\n\nline A\n\n.. START\n\nline B\n\n.. END\n\nline C\n"
          }
         ],
         "type": "literal_block"
        },
        {
         "attributes": {
          "classes": [
           "code",
           "rst"
          ],
          "xml:space": "preserve"
         },
         "children": [
          {
           "type": "text",
           "value": "line A"
          }
         ],
         "type": "literal_block"
        },
        {
         "attributes": {
          "level": 4,
          "type": "SEVERE"
         },
         "children": [
          {
           "children": [
            {
             "type": "text",
             "value": "Problem with \"start-after\" option of \"include\" directive:\nText not found."
            }
           ],
           "type": "paragraph"
          },
          {
           "attributes": {
            "xml:space": "preserve"
           },
           "children": [
            {
             "type": "text",
             "value": ".. include:: sub/part.rst\n   :start-after: NOPE\n"
            }
           ],
           "type": "literal_block"
          }
         ],
         "type": "system_message"
        },
        {
         "attributes": {
          "xml:space": "preserve"
         },
         "children": [
          {
           "type": "text",
           "value": "This data file has been placed in the public domain."
          }
         ],
         "type": "comment"
        },
        {
         "attributes": {
          "xml:space": "preserve"
         },
         "children": [
          {
           "type": "text",
           "value": "Derived from the Unicode character mappings available from\n<http://www.w3.org/2003/entities/xml/>.\nProcessed by unicode2rstsubs.py, part of Docutils:\n<https://docutils.sourceforge.io>."
          }
         ],
         "type": "comment"
        },
        {
         "attributes": {
          "names": [
           "amp"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "&"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "apos"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "'"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "ast"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "*"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "brvbar"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "¦"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "bsol"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "\\"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "cent"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "¢"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "colon"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": ":"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "comma"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": ","
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "commat"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "@"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "copy"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "©"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "curren"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "¤"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "darr"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "↓"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "deg"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "°"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "divide"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "÷"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "dollar"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "$"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "equals"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "="
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "excl"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "!"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "frac12"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "½"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "frac14"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "¼"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "frac18"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "⅛"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "frac34"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "¾"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "frac38"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "⅜"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "frac58"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "⅝"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "frac78"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "⅞"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "gt"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": ">"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "half"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "½"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "horbar"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "―"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "hyphen"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "‐"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "iexcl"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "¡"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "iquest"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "¿"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "laquo"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "«"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "larr"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "←"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "lcub"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "{"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "ldquo"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "“"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "lowbar"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "_"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "lpar"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "("
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "lsqb"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "["
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "lsquo"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "‘"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "lt"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "<"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "micro"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "µ"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "middot"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "·"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "nbsp"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": " "
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "not"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "¬"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "num"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "#"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "ohm"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "Ω"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "ordf"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "ª"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "ordm"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "º"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "para"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "¶"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "percnt"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "%"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "period"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "."
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "plus"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "+"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "plusmn"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "±"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "pound"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "£"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "quest"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "?"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "quot"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "\""
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "raquo"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "»"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "rarr"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "→"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "rcub"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "}"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "rdquo"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "”"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "reg"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "®"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "rpar"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": ")"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "rsqb"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "]"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "rsquo"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "’"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "sect"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "§"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "semi"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": ";"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "shy"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "­"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "sol"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "/"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "sung"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "♪"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "sup1"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "¹"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "sup2"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "²"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "sup3"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "³"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "times"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "×"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "trade"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "™"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "uarr"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "↑"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "verbar"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "|"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "attributes": {
          "names": [
           "yen"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "¥"
          }
         ],
         "type": "substitution_definition"
        },
        {
         "children": [
          {
           "type": "text",
           "value": "© end"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "section"
      }
     ],
     "type": "section"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 4,
    "line": 22,
    "phase": "parse",
    "text": "Problem with \"start-after\" option of \"include\" directive:\nText not found.",
    "type": "SEVERE"
   }
  ]
 },
 "parts": {
  "source": "Doc\n===\n\n.. contents:: Table of *Contents*\n   :depth: 2\n   :backlinks: none\n\n.. sectnum::\n   :depth: 2\n   :prefix: A.\n\nSec one\n-------\n\n.. contents::\n   :local:\n\nSub\n~~~\n\ntext\n\n.. header:: The header\n\n.. footer:: The footer\n\n.. title:: Doc title\n\n.. meta::\n   :keywords: a, b\n   :description lang=en: desc\n\n.. unicode:: U+2014\n\n.. |mdash| unicode:: U+2014 .. em dash\n   :trim:\n\nx |mdash| y\n\n.. contents::\n   :depth: x\n",
  "tree": {
   "attributes": {
    "title": "Doc title"
   },
   "children": [
    {
     "attributes": {
      "name": "keywords"
     },
     "type": "meta"
    },
    {
     "attributes": {
      "name": "description"
     },
     "type": "meta"
    },
    {
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "The header"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "header"
      },
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "The footer"
          }
         ],
         "type": "paragraph"
        }
       ],
       "type": "footer"
      }
     ],
     "type": "decoration"
    },
    {
     "attributes": {
      "ids": [
       "doc"
      ],
      "names": [
       "doc"
      ]
     },
     "children": [
      {
       "attributes": {
        "auto": 1
       },
       "children": [
        {
         "attributes": {
          "classes": [
           "sectnum"
          ]
         },
         "children": [
          {
           "type": "text",
           "value": "A.1   "
          }
         ],
         "type": "generated"
        },
        {
         "type": "text",
         "value": "Doc"
        }
       ],
       "type": "title"
      },
      {
       "attributes": {
        "classes": [
         "contents"
        ],
        "ids": [
         "table-of-contents"
        ],
        "names": [
         "table of contents"
        ]
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Table of "
          },
          {
           "children": [
            {
             "type": "text",
             "value": "Contents"
            }
           ],
           "type": "emphasis"
          }
         ],
         "type": "title"
        },
        {
         "attributes": {
          "classes": [
           "auto-toc"
          ]
         },
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "attributes": {
                "ids": [
                 "id1"
                ],
                "refid": "doc"
               },
               "children": [
                {
                 "attributes": {
                  "classes": [
                   "sectnum"
                  ]
                 },
                 "children": [
                  {
                   "type": "text",
                   "value": "A.1   "
                  }
                 ],
                 "type": "generated"
                },
                {
                 "type": "text",
                 "value": "Doc"
                }
               ],
               "type": "reference"
              }
             ],
             "type": "paragraph"
            },
            {
             "attributes": {
              "classes": [
               "auto-toc"
              ]
             },
             "children": [
              {
               "children": [
                {
                 "children": [
                  {
                   "attributes": {
                    "ids": [
                     "id2"
                    ],
                    "refid": "sec-one"
                   },
                   "children": [
                    {
                     "attributes": {
                      "classes": [
                       "sectnum"
                      ]
                     },
                     "children": [
                      {
                       "type": "text",
                       "value": "A.1.1   "
                      }
                     ],
                     "type": "generated"
                    },
                    {
                     "type": "text",
                     "value": "Sec one"
                    }
                   ],
                   "type": "reference"
                  }
                 ],
                 "type": "paragraph"
                }
               ],
               "type": "list_item"
              }
             ],
             "type": "bullet_list"
            }
           ],
           "type": "list_item"
          }
         ],
         "type": "bullet_list"
        }
       ],
       "type": "topic"
      },
      {
       "attributes": {
        "ids": [
         "sec-one"
        ],
        "names": [
         "sec one"
        ]
       },
       "children": [
        {
         "attributes": {
          "auto": 1
         },
         "children": [
          {
           "attributes": {
            "classes": [
             "sectnum"
            ]
           },
           "children": [
            {
             "type": "text",
             "value": "A.1.1   "
            }
           ],
           "type": "generated"
          },
          {
           "type": "text",
           "value": "Sec one"
          }
         ],
         "type": "title"
        },
        {
         "attributes": {
          "classes": [
           "contents",
           "local"
          ],
          "ids": [
           "contents"
          ],
          "names": [
           "contents"
          ]
         },
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "children": [
                {
                 "attributes": {
                  "ids": [
                   "id3"
                  ],
                  "refid": "sub"
                 },
                 "children": [
                  {
                   "type": "text",
                   "value": "Sub"
                  }
                 ],
                 "type": "reference"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "list_item"
            }
           ],
           "type": "bullet_list"
          }
         ],
         "type": "topic"
        },
        {
         "attributes": {
          "ids": [
           "sub"
          ],
          "names": [
           "sub"
          ]
         },
         "children": [
          {
           "attributes": {
            "refid": "id3"
           },
           "children": [
            {
             "type": "text",
             "value": "Sub"
            }
           ],
           "type": "title"
          },
          {
           "children": [
            {
             "type": "text",
             "value": "text"
            }
           ],
           "type": "paragraph"
          },
          {
           "attributes": {
            "level": 3,
            "type": "ERROR"
           },
           "children": [
            {
             "children": [
              {
               "type": "text",
               "value": "Invalid context: the \"unicode\" directive can only be used within a substitution definition."
              }
             ],
             "type": "paragraph"
            },
            {
             "attributes": {
              "xml:space": "preserve"
             },
             "children": [
              {
               "type": "text",
               "value": ".. unicode:: U+2014\n"
              }
             ],
             "type": "literal_block"
            }
           ],
           "type": "system_message"
          },
          {
           "attributes": {
            "names": [
             "mdash"
            ]
           },
           "children": [
            {
             "type": "text",
             "value": "—"
            }
           ],
           "type": "substitution_definition"
          },
          {
           "children": [
            {
             "type": "text",
             "value": "x—y"
            }
           ],
           "type": "paragraph"
          },
          {
           "attributes": {
            "level": 3,
            "type": "ERROR"
           },
           "children": [
            {
             "children": [
              {
               "type": "text",
               "value": "Error in \"contents\" directive:\ninvalid option value: (option: \"depth\"; value: 'x')\ninvalid literal for int() with base 10: 'x'."
              }
             ],
             "type": "paragraph"
            },
            {
             "attributes": {
              "xml:space": "preserve"
             },
             "children": [
              {
               "type": "text",
               "value": ".. contents::\n   :depth: x"
              }
             ],
             "type": "literal_block"
            }
           ],
           "type": "system_message"
          }
         ],
         "type": "section"
        }
       ],
       "type": "section"
      }
     ],
     "type": "section"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 3,
    "line": 33,
    "phase": "parse",
    "text": "Invalid context: the \"unicode\" directive can only be used within a substitution definition.",
    "type": "ERROR"
   },
   {
    "level": 3,
    "line": 40,
    "phase": "parse",
    "text": "Error in \"contents\" directive:\ninvalid option value: (option: \"depth\"; value: 'x')\ninvalid literal for int() with base 10: 'x'.",
    "type": "ERROR"
   }
  ]
 },
 "tmsg": {
  "source": "Para\n\n  +-----+-----+\n  | a   | *b  |\n  +-----+-----+\n  | c   | d   |\n  +-----+\n\n- item\n\n  =====  =====\n  a      b\n  =====  =====\n  x    y z\n  =====  =====\n\n+---------------+------+\n| +---+---+     | x    |\n| | a | b |     |      |\n| +---+---+     |      |\n| | *c    |     |      |\n| +-------+     |      |\n+---------------+------+\n\n=====  =====\na      b\n=====  =====\ntext\n  more\n=====  =====\n+---+\n| a |\n+---+\npara after\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "type": "text",
       "value": "Para"
      }
     ],
     "type": "paragraph"
    },
    {
     "children": [
      {
       "attributes": {
        "level": 3,
        "type": "ERROR"
       },
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "Malformed table."
          }
         ],
         "type": "paragraph"
        },
        {
         "attributes": {
          "xml:space": "preserve"
         },
         "children": [
          {
           "type": "text",
           "value": "+-----+-----+\n| a   | *b  |\n+-----+-----+\n| c   | d   |\n+-----+"
          }
         ],
         "type": "literal_block"
        }
       ],
       "type": "system_message"
      }
     ],
     "type": "block_quote"
    },
    {
     "attributes": {
      "bullet": "-"
     },
     "children": [
      {
       "children": [
        {
         "children": [
          {
           "type": "text",
           "value": "item"
          }
         ],
         "type": "paragraph"
        },
        {
         "attributes": {
          "level": 3,
          "type": "ERROR"
         },
         "children": [
          {
           "children": [
            {
             "type": "text",
             "value": "Malformed table.\nText in column margin in table line 4."
            }
           ],
           "type": "paragraph"
          },
          {
           "attributes": {
            "xml:space": "preserve"
           },
           "children": [
            {
             "type": "text",
             "value": "=====  =====\na      b\n=====  =====\nx    y z\n=====  ====="
            }
           ],
           "type": "literal_block"
          }
         ],
         "type": "system_message"
        }
       ],
       "type": "list_item"
      }
     ],
     "type": "bullet_list"
    },
    {
     "children": [
      {
       "attributes": {
        "cols": 2
       },
       "children": [
        {
         "attributes": {
          "colwidth": 15
         },
         "type": "colspec"
        },
        {
         "attributes": {
          "colwidth": 6
         },
         "type": "colspec"
        },
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "children": [
                {
                 "attributes": {
                  "cols": 2
                 },
                 "children": [
                  {
                   "attributes": {
                    "colwidth": 3
                   },
                   "type": "colspec"
                  },
                  {
                   "attributes": {
                    "colwidth": 3
                   },
                   "type": "colspec"
                  },
                  {
                   "children": [
                    {
                     "children": [
                      {
                       "children": [
                        {
                         "children": [
                          {
                           "type": "text",
                           "value": "a"
                          }
                         ],
                         "type": "paragraph"
                        }
                       ],
                       "type": "entry"
                      },
                      {
                       "children": [
                        {
                         "children": [
                          {
                           "type": "text",
                           "value": "b"
                          }
                         ],
                         "type": "paragraph"
                        }
                       ],
                       "type": "entry"
                      }
                     ],
                     "type": "row"
                    },
                    {
                     "children": [
                      {
                       "attributes": {
                        "morecols": 1
                       },
                       "children": [
                        {
                         "children": [
                          {
                           "attributes": {
                            "ids": [
                             "id2"
                            ],
                            "refid": "id1"
                           },
                           "children": [
                            {
                             "type": "text",
                             "value": "*"
                            }
                           ],
                           "type": "problematic"
                          },
                          {
                           "type": "text",
                           "value": "c"
                          }
                         ],
                         "type": "paragraph"
                        },
                        {
                         "attributes": {
                          "backrefs": [
                           "id2"
                          ],
                          "ids": [
                           "id1"
                          ],
                          "level": 2,
                          "type": "WARNING"
                         },
                         "children": [
                          {
                           "children": [
                            {
                             "type": "text",
                             "value": "Inline emphasis start-string without end-string."
                            }
                           ],
                           "type": "paragraph"
                          }
                         ],
                         "type": "system_message"
                        }
                       ],
                       "type": "entry"
                      }
                     ],
                     "type": "row"
                    }
                   ],
                   "type": "tbody"
                  }
                 ],
                 "type": "tgroup"
                }
               ],
               "type": "table"
              }
             ],
             "type": "entry"
            },
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "x"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            }
           ],
           "type": "row"
          }
         ],
         "type": "tbody"
        }
       ],
       "type": "tgroup"
      }
     ],
     "type": "table"
    },
    {
     "attributes": {
      "level": 3,
      "type": "ERROR"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Malformed table.\nText in column margin in table line 5."
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": "=====  =====\na      b\n=====  =====\ntext\n  more\n=====  ====="
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    },
    {
     "attributes": {
      "level": 2,
      "type": "WARNING"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Blank line required after table."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "system_message"
    },
    {
     "children": [
      {
       "attributes": {
        "cols": 1
       },
       "children": [
        {
         "attributes": {
          "colwidth": 3
         },
         "type": "colspec"
        },
        {
         "children": [
          {
           "children": [
            {
             "children": [
              {
               "children": [
                {
                 "type": "text",
                 "value": "a"
                }
               ],
               "type": "paragraph"
              }
             ],
             "type": "entry"
            }
           ],
           "type": "row"
          }
         ],
         "type": "tbody"
        }
       ],
       "type": "tgroup"
      }
     ],
     "type": "table"
    },
    {
     "attributes": {
      "level": 2,
      "type": "WARNING"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "Blank line required after table."
        }
       ],
       "type": "paragraph"
      }
     ],
     "type": "system_message"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "para after"
      }
     ],
     "type": "paragraph"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 3,
    "line": 3,
    "phase": "parse",
    "text": "Malformed table.",
    "type": "ERROR"
   },
   {
    "level": 3,
    "line": 14,
    "phase": "parse",
    "text": "Malformed table.\nText in column margin in table line 4.",
    "type": "ERROR"
   },
   {
    "level": 2,
    "line": 23,
    "phase": "parse",
    "text": "Inline emphasis start-string without end-string.",
    "type": "WARNING"
   },
   {
    "level": 3,
    "line": 29,
    "phase": "parse",
    "text": "Malformed table.\nText in column margin in table line 5.",
    "type": "ERROR"
   },
   {
    "level": 2,
    "line": 31,
    "phase": "parse",
    "text": "Blank line required after table.",
    "type": "WARNING"
   },
   {
    "level": 2,
    "line": 34,
    "phase": "parse",
    "text": "Blank line required after table.",
    "type": "WARNING"
   }
  ]
 },
 "ca": {
  "source": "A\n\n.. include:: cb.rst\n\nA end\n",
  "tree": {
   "children": [
    {
     "children": [
      {
       "type": "text",
       "value": "A"
      }
     ],
     "type": "paragraph"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "B"
      }
     ],
     "type": "paragraph"
    },
    {
     "attributes": {
      "level": 2,
      "type": "WARNING"
     },
     "children": [
      {
       "children": [
        {
         "type": "text",
         "value": "circular inclusion in \"include\" directive:\nca.rst\n> cb.rst\n> ca.rst"
        }
       ],
       "type": "paragraph"
      },
      {
       "attributes": {
        "xml:space": "preserve"
       },
       "children": [
        {
         "type": "text",
         "value": ".. include:: ca.rst\n"
        }
       ],
       "type": "literal_block"
      }
     ],
     "type": "system_message"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "B end"
      }
     ],
     "type": "paragraph"
    },
    {
     "children": [
      {
       "type": "text",
       "value": "A end"
      }
     ],
     "type": "paragraph"
    }
   ],
   "type": "document"
  },
  "messages": [
   {
    "level": 2,
    "line": 3,
    "phase": "parse",
    "source": "cb.rst",
    "text": "circular inclusion in \"include\" directive:\nca.rst\n> cb.rst\n> ca.rst",
    "type": "WARNING"
   }
  ]
 }
};

/** Files the cases include (paths relative to the docs root). */
export const INCLUDED_FILES: Record<string, string> = {
 "sub/part.rst": "Included title\n--------------\n\nline A\n\n.. START\n\nline B\n\n.. END\n\nline C\n",
 "cb.rst": "B\n\n.. include:: ca.rst\n\nB end\n",
 "ca.rst": "A\n\n.. include:: cb.rst\n\nA end\n"
};
