# Four test images of each class, a column per class, with the class
# names.  Data: fashion --pictures; block 0: x y grey level in [0, 1];
# block 1: x y "class name".
unset border
unset tics
unset key
unset colorbox
set size ratio -1
set palette gray negative
set cbrange [0:1]
set margins 0, 0, 0, 2
set offsets 0, 12, 6, 0
f = data.'/fashion-samples.dat'
plot f index 0 using 1:2:3 with image, \
     f index 1 using 1:2:3 with labels rotate by 35 left
